/**
 * Japanese company names as people type and sort them. A reading (フリガナ) is stored in full-width
 * katakana whatever was typed: hiragana, half-width kana (ｶﾌﾞｼｷｶﾞｲｼｬ) and full-width letters are
 * folded (NFKC, then hiragana → katakana). Sorting and search ignore the legal-form words
 * (会社法 Art. 6(2): 株式会社, 合同会社 …, also written (株), ㈱ or in katakana), so 株式会社ベータ
 * sorts under ベ and 「ベータ」 finds it in any width.
 */

/** Hiragana ぁ (U+3041) … ゖ (U+3096) and the iteration marks ゝゞ map 0x60 up onto katakana. */
const HIRAGANA = /[\u3041-\u3096\u309d\u309e]/g;
const KATAKANA_OFFSET = 0x60;

/** Full-width katakana (with ー and ・), Latin letters, digits and single spaces. */
const READING = /^[\u30a1-\u30f6\u30fd\u30fe\u30fc\u30fba-zA-Z0-9]+(?: [\u30a1-\u30f6\u30fd\u30fe\u30fc\u30fba-zA-Z0-9]+)*$/;

/** Legal-form words, longest first (so 特定非営利活動法人 goes before a shorter overlap), as NFKC leaves them. */
export const LEGAL_FORM_WORDS: readonly string[] = [
  '特定非営利活動法人',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '独立行政法人',
  '社会福祉法人',
  'カブシキガイシャ',
  'カブシキカイシャ',
  'ユウゲンガイシャ',
  'ユウゲンカイシャ',
  'ゴウドウガイシャ',
  'ゴウドウカイシャ',
  '株式会社',
  '有限会社',
  '合同会社',
  '合名会社',
  '合資会社',
  '医療法人',
  '学校法人',
  'NPO法人',
  '(株)',
  '(有)',
  '(同)',
  '(名)',
  '(資)',
  '(社)',
  '(財)',
];

/** A reading as stored: NFKC-folded, hiragana as katakana, spaces trimmed and single. */
export function normaliseReading(text: string): string {
  return toKatakana(text.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** True when a normalised reading holds only katakana (ー, ・), Latin letters, digits and single spaces. */
export function isReading(reading: string): boolean {
  return READING.test(reading);
}

/**
 * What search and sorting compare: the name (or reading) folded like a reading, upper-case,
 * without legal-form words, spaces and punctuation. ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀ, 株式会社ベータ and (株)ベータ
 * all become ベータ.
 */
export function nameKey(text: string): string {
  let key = normaliseReading(text).toUpperCase();
  for (const word of LEGAL_FORM_WORDS) key = key.split(word.toUpperCase()).join('');
  return key.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** The key a vendor sorts by: its reading when it has one, else its name. */
export function sortKey(name: string, reading: string | null): string {
  return nameKey(reading ?? name);
}

/** Hiragana (and ゝゞ) as katakana; everything else as it is. */
export function toKatakana(text: string): string {
  return text.replace(HIRAGANA, (char) => String.fromCharCode(char.charCodeAt(0) + KATAKANA_OFFSET));
}

/** Column lengths of the stored keys (a name of 200 characters may grow when NFKC expands ㍿ or ﬀ). */
export const SORT_KEY_LENGTH = 200;
export const SEARCH_KEY_LENGTH = 401;

/** The keys stored with a vendor: what it sorts by, and name and reading folded for search (space-separated). */
export function vendorKeys(name: string, reading: string | null): { sortKey: string; searchKey: string } {
  return {
    sortKey: sortKey(name, reading).slice(0, SORT_KEY_LENGTH),
    searchKey: `${nameKey(name)} ${nameKey(reading ?? '')}`.slice(0, SEARCH_KEY_LENGTH),
  };
}
