/**
 * References to the law, rendered per locale (legal-model.md §9): every catalogue row stores
 * structured references (a source, and its article, paragraph and item, or section or number), each
 * with how it was verified. This is the one place they become text: flags, checklists, e-mails,
 * exports and the catalogue page all render through it.
 */

/** How a reference was checked (legal-model.md: [V], [S], [U]). */
export const VERIFICATIONS = ['verified', 'secondary', 'unverified'] as const;
export type Verification = (typeof VERIFICATIONS)[number];

type Locale = 'ja' | 'en';

/** How a source is cited: by article (a law or regulation), by section or number (guidelines, Q&A, standards), or by name alone. */
type SourceKind = 'article' | 'section' | 'document';

interface Source {
  kind: SourceKind;
  /** The name in a citation (short, as lawyers cite it). */
  name: Record<Locale, string>;
  /** The full name, on the catalogue page. */
  full: Record<Locale, string>;
  /** Between the Japanese name and a section: nothing (「通則ガイドライン3-4-4」) or a space after Latin letters (「JIS Q 15001:2017 A.3.4.3.4」). */
  spaced: boolean;
}

const named = (kind: SourceKind, ja: string, en: string, fullJa = ja, fullEn = en, spaced = false): Source => ({ kind, name: { ja, en }, full: { ja: fullJa, en: fullEn }, spaced });

/**
 * The sources the catalogue cites. Display text: the Stryker comments keep mutants of names out of
 * the score (a misspelt name is caught by the rendering tests of each source that matters).
 */
// Stryker disable StringLiteral: display text
export const SOURCES = {
  APPI: named('article', '個人情報保護法', 'APPI', '個人情報の保護に関する法律', 'Act on the Protection of Personal Information (APPI)'),
  'APPI-ORDER': named('article', '個人情報保護法施行令', 'APPI Cabinet Order', '個人情報の保護に関する法律施行令', 'Cabinet Order to Enforce the APPI'),
  'APPI-RULES': named('article', '施行規則', 'PPC Rules', '個人情報の保護に関する法律施行規則', 'Enforcement Rules for the APPI (PPC Rules)'),
  'PPC-GL': named('section', '通則ガイドライン', 'PPC General Guidelines', '個人情報の保護に関する法律についてのガイドライン(通則編)', 'PPC Guidelines on the APPI (General Rules)'),
  'PPC-GL-FOREIGN': named('section', 'ガイドライン(外国にある第三者への提供編)', 'PPC Guidelines on Foreign Third Parties', '個人情報の保護に関する法律についてのガイドライン(外国にある第三者への提供編)', 'PPC Guidelines on the APPI (Provision to Third Parties in Foreign Countries)'),
  'PPC-QA': named('section', '個人情報保護法ガイドラインQ&A', 'PPC Q&A', '「個人情報の保護に関する法律についてのガイドライン」に関するQ&A', 'PPC Q&A on the APPI Guidelines', true),
  TBA: named('article', '電気通信事業法', 'TBA', '電気通信事業法', 'Telecommunications Business Act (TBA)'),
  'TBA-RULES': named('article', '電気通信事業法施行規則', 'TBA Enforcement Rules', '電気通信事業法施行規則', 'Ordinance for Enforcement of the Telecommunications Business Act'),
  'TELECOM-GL': named('article', '電気通信事業ガイドライン', 'Telecom Guidelines', '電気通信事業における個人情報等の保護に関するガイドライン(令和4年、個人情報保護委員会・総務省)', 'Guidelines on the Protection of Personal Information in Telecommunications Business (PPC and MIC, 2022)'),
  'MIC-CONSENT': named('document', '総務省「同意取得の在り方に関する参照文書」', 'MIC reference document on obtaining consent', '総務省「同意取得の在り方に関する参照文書」(2021年)', 'MIC reference document on how to obtain consent (2021)'),
  MYNUMBER: named('article', '番号法', 'My Number Act', '行政手続における特定の個人を識別するための番号の利用等に関する法律(番号法)', 'Act on the Use of Numbers to Identify a Specific Individual in Administrative Procedures (My Number Act)'),
  'MYNUMBER-GL': named('section', '特定個人情報ガイドライン(事業者編)', 'My Number Guidelines (Businesses)', '特定個人情報の適正な取扱いに関するガイドライン(事業者編)', 'Guidelines for the Proper Handling of Specific Personal Information (Businesses)'),
  'JIS-Q-15001:2017': named('section', 'JIS Q 15001:2017', 'JIS Q 15001:2017', 'JIS Q 15001:2017', 'JIS Q 15001:2017', true),
  'JIS-Q-15001:2023': named('document', 'JIS Q 15001:2023 附属書A 委託先の監督', 'JIS Q 15001:2023 Annex A, supervision of contractors'),
  'JIS-Q-27001': named('section', 'JIS Q 27001:2023 附属書A', 'ISO/IEC 27001:2022 Annex A', 'JIS Q 27001:2023 (ISO/IEC 27001:2022) 附属書A', 'ISO/IEC 27001:2022 (JIS Q 27001:2023) Annex A', true),
  GDPR: named('article', 'GDPR', 'GDPR', 'EU一般データ保護規則(GDPR)', 'General Data Protection Regulation (EU) 2016/679'),
  EDPB: named('section', 'EDPBガイドライン', 'EDPB Guidelines', '欧州データ保護会議(EDPB)ガイドライン', 'European Data Protection Board Guidelines'),
  'EU-SUPPLEMENTARY-RULES': named('section', '補完的ルール', 'Supplementary Rules', '個人情報の保護に関する法律に係るEU及び英国域内から十分性認定により移転を受けた個人データの取扱いに関する補完的ルール', 'Supplementary Rules for personal data received from the EU and the UK based on an adequacy decision'),
} as const satisfies Record<string, Source>;
// Stryker restore StringLiteral
export type SourceCode = keyof typeof SOURCES;

/** One reference: a source and where in it, as checked. */
export interface Reference {
  source: SourceCode;
  article?: string;
  paragraph?: string;
  item?: string;
  /** A lettered point of a paragraph (GDPR Art. 28(3)(a)) or of a clause (JIS Q 15001 b)). */
  point?: string;
  /** A section, clause, control or number of a guideline, Q&A or standard ("3-4-4(1)", "12-7", "A.3.4.3.4", "5.20"). */
  section?: string;
  verification: Verification;
}

const KEYS: Record<string, keyof Omit<Reference, 'source' | 'verification'>> = { art: 'article', para: 'paragraph', item: 'item', point: 'point', sec: 'section' };
const LABELS: Record<string, Verification> = { '[V]': 'verified', '[S]': 'secondary', '[U]': 'unverified' };

/**
 * The references of a catalogue cell, separated by ";": `APPI art=28 para=1 [V]; PPC-GL sec=3-4-4(1) [V]`.
 * Each names a source, then `art=`, `para=`, `item=`, `point=` or `sec=`, and ends with its label.
 */
export function parseReferences(text: string): Reference[] {
  return text.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const tokens = part.split(/\s+/);
    const source = tokens[0];
    const verification = LABELS[tokens[tokens.length - 1]];
    if (!(source in SOURCES)) throw new Error(`unknown source "${source}" in "${part}"`);
    if (!verification) throw new Error(`no verification label ([V], [S] or [U]) at the end of "${part}"`);
    const reference: Reference = { source: source as SourceCode, verification };
    for (const token of tokens.slice(1, -1)) {
      const [key, value] = token.split('=');
      if (!KEYS[key] || !value) throw new Error(`unexpected "${token}" in "${part}"`);
      reference[KEYS[key]] = value;
    }
    return reference;
  });
}

/**
 * One reference as a citation inside a sentence (flags, checklists, e-mails, exports): 「個人情報保護法第28条第1項」,
 * "APPI Art. 28(1)". An unverified locator is never printed: the source is named alone.
 */
export function citeReference(reference: Reference, locale: Locale): string {
  const source: Source = SOURCES[reference.source];
  const name = source.name[locale];
  if (reference.verification === 'unverified') return name;
  return `${name}${locator(reference, locale)}`;
}

/**
 * One reference as the catalogue page shows it: the full name of the source and the locator, or,
 * when the locator is not verified, 「(条番号確認中)」 in its place (its label says why).
 */
export function describeReference(reference: Reference, locale: Locale): string {
  const source: Source = SOURCES[reference.source];
  const name = source.full[locale];
  if (reference.verification !== 'unverified') return `${name}${locator(reference, locale)}`;
  if (source.kind === 'document') return name;
  return `${name}${PENDING[source.kind][locale]}`;
}

// Stryker disable next-line StringLiteral: display text
const PENDING = { article: { ja: '(条番号確認中)', en: ' (article number being confirmed)' }, section: { ja: '(番号確認中)', en: ' (number being confirmed)' } } as const;

function locator(reference: Reference, locale: Locale): string {
  const { article, paragraph, item, point, section } = reference;
  if (article) {
    if (locale === 'ja') return `第${article}条${paragraph ? `第${paragraph}項` : ''}${item ? `第${item}号` : ''}${point ? `(${point})` : ''}`;
    return ` Art. ${article}${paragraph ? `(${paragraph})` : ''}${point ? `(${point})` : ''}${item ? ` item ${item}` : ''}`;
  }
  const pointed = point ? ` ${point})` : '';
  const source: Source = SOURCES[reference.source];
  if (section) return `${locale === 'en' || source.spaced ? ' ' : ''}${section}${pointed}`;
  return pointed;
}

/** Each requirement's references by id, for a catalogue. */
export function referenceIndex(requirements: ReadonlyArray<{ id: string; references: readonly Reference[] }>): ReadonlyMap<string, readonly Reference[]> {
  return new Map(requirements.map((requirement) => [requirement.id, requirement.references]));
}

/** The citations of some requirements, in order and each once; an id the catalogue does not know cites nothing. */
export function citationsOf(requirementIds: readonly string[], index: ReadonlyMap<string, readonly Reference[]>, locale: Locale): string[] {
  return [...new Set(requirementIds.flatMap((id) => (index.get(id) ?? []).map((reference) => citeReference(reference, locale))))];
}

/** Citations inside a sentence: 「個人情報保護法第25条、通則ガイドライン3-4-4(1)」, "APPI Art. 25; PPC General Guidelines 3-4-4(1)". */
export function joinCitations(citations: readonly string[], locale: Locale): string {
  return citations.join(locale === 'ja' ? '、' : '; ');
}
