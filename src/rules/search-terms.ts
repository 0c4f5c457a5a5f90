import { nameKey, toKatakana } from './japanese-names';

/**
 * The terms a vendor is found by, so that the vendor list's search (`q=`) reads the vendors that
 * hold a term of the query through an index instead of testing `LIKE '%…%'` on every vendor. The
 * terms only narrow the candidates: the list still applies its LIKE to them, so what it finds is
 * exactly what the LIKE alone finds, provided every vendor the LIKE matches holds the terms. That is
 * why the terms are bigrams (pairs of neighbouring characters) of a text folded one character at a
 * time: when the query is part of a name, each pair of the folded query is a pair of the folded name.
 * The fold identifies at least what the databases' LIKE does: SQLite ignores the case of ASCII
 * letters; MySQL/MariaDB compare in utf8mb4_unicode_ci at the first level, which also ignores
 * accents, width (ｱ, ア), hiragana/katakana, small kana and voicing marks (ハ, パ, バ).
 */

/** Small kana and the full-size kana they are small forms of (after hiragana became katakana). */
const SMALL_KANA = 'ァィゥェォッャュョヮヵヶ';
const FULL_KANA = 'アイウエオツヤユヨワカケ';
/** Combining marks (accents, the kana voicing marks U+3099/U+309A that NFKD splits off). */
const MARKS = /\p{M}/gu;

/** Longest stored term: a 法人番号 (13 digits) is stored whole, as one term. */
export const SEARCH_TERM_LENGTH = 13;

/** One character as search compares it: decomposed, without marks, upper-case, katakana, full-size. */
export function foldCharacter(char: string): string {
  const bare = char.normalize('NFKD').replace(MARKS, '').toUpperCase();
  return toKatakana(bare).replace(/./gu, (kana) => {
    const small = SMALL_KANA.indexOf(kana);
    return small < 0 ? kana : FULL_KANA[small];
  });
}

/** A text folded character by character (so a part of a text folds to a part of the folded text). */
export function searchFold(text: string): string {
  return Array.from(text, foldCharacter).join('');
}

/** The distinct bigrams of a folded text, in order of first appearance (none for fewer than two characters). */
export function bigramsOf(text: string): string[] {
  const chars = Array.from(searchFold(text));
  const grams = new Set<string>();
  for (let index = 1; index < chars.length; index += 1) grams.add(chars[index - 1] + chars[index]);
  return [...grams];
}

/**
 * The terms stored for a vendor: the bigrams of its name and of its search key (name and reading
 * without legal-form words, rules/japanese-names.ts), and its 法人番号 folded, whole.
 */
export function vendorSearchTerms(vendor: { name: string; searchKey: string; corporateNumber: string | null }): string[] {
  const terms = new Set([...bigramsOf(vendor.name), ...bigramsOf(vendor.searchKey)]);
  if (vendor.corporateNumber) {
    const number = searchFold(vendor.corporateNumber);
    const length = Array.from(number).length;
    if (length > 0 && length <= SEARCH_TERM_LENGTH) terms.add(number);
  }
  return [...terms];
}

/**
 * How the list finds a query through the terms: every vendor it matches holds a term of each
 * alternative — the bigrams of the query (a part of the name), the bigrams of its search key (a
 * part of the search key), and the query whole (a 法人番号) — so the union of the vendors that hold
 * one term chosen from each alternative (the rarest: fewest vendors to verify) holds them all.
 * Null when some alternative has no bigram (a query of one character, or one whose key is a single
 * character): then no term narrows it, and the list tests every vendor.
 */
export interface SearchAlternatives {
  /** Per alternative, the terms a match holds (each of them). */
  anyOf: string[][];
  /** The query whole as a stored 法人番号 term, when it is short enough to be one. */
  exact: string | null;
}

export function searchAlternatives(query: string): SearchAlternatives | null {
  const key = nameKey(query);
  const anyOf = [bigramsOf(query), bigramsOf(key === '' ? query : key)];
  if (anyOf.some((grams) => grams.length === 0)) return null;
  const whole = searchFold(query);
  return { anyOf, exact: Array.from(whole).length <= SEARCH_TERM_LENGTH ? whole : null };
}
