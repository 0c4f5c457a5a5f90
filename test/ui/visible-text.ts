/**
 * What a reader of a page sees: its text and the attributes a browser shows (title, placeholder,
 * alt, aria-label, a button's value), without scripts, styles, comments and markup, entities decoded.
 * One string per text run, so words of neighbouring elements never join into a sentence.
 */
export function visibleText(html: string): string[] {
  const withoutHidden = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<head\b[\s\S]*?<\/head>/i, (head) => (/<title>([\s\S]*?)<\/title>/i.exec(head)?.[0] ?? ''));
  const runs: string[] = [];
  const attribute = /\s(title|placeholder|alt|aria-label|value)="([^"]*)"/gi;
  for (const tag of withoutHidden.match(/<[^>]+>/g) ?? []) {
    const isButtonValue = /^<input\b/i.test(tag) && /\stype="(submit|button|reset)"/i.test(tag);
    for (const [, name, value] of tag.matchAll(attribute)) {
      if (name.toLowerCase() !== 'value' || isButtonValue) runs.push(decode(value));
    }
  }
  for (const text of withoutHidden.split(/<[^>]+>/)) runs.push(decode(text));
  return runs.map((run) => run.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

function decode(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/**
 * Proper nouns, law and standard abbreviations and formats that stay in Latin letters in Japanese
 * text (removed before looking for English): e-mail addresses, URLs, file names, ids.
 */
const ALLOWED: readonly RegExp[] = [
  /\b(application|image|text)\/[\w.+-]+/g,
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /https?:\/\/\S+/g,
  /\/[\w/.?=&%#-]*/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\.(pdf|png|jpe?g|csv|xlsx|txt|ics|zip)(?![A-Za-z])/gi,
  /\b[0-9a-f]{32,}\b/g,
  /\b(PDF|zip|Office)\b/g,
  /\bISO\/IEC \d+(-\d+)?\b/g,
  /\bJIS Q \d+\b/g,
  /\bGDPR( Art\. \d+)?\b/g,
  /\bSHA-256\b/g,
  /\bAuthorization: Bearer\b/g,
  /\bSOC ?2( Type (1|2|I|II))?\b/g,
  /\bISMS\b|\bAPPI\b|\bPPC\b|\bCSV\b|\bAPI\b|\bURL\b|\bID\b|\bHTTP\b|\bSSO\b|\bICS\b|\biCalendar\b|\bExcel\b|\bUTF-8\b|\bShift_JIS\b|\bBOM\b/g,
];

/** Three or more words in Latin letters in a row: an English sentence (or the start of one). */
const ENGLISH_SENTENCE = /[A-Za-z][A-Za-z'’]*(?:[ ,]+[A-Za-z][A-Za-z'’]*){2,}/;
/**
 * A code as the program spells it: kebab-case (`scope-purpose`), a dotted key (`ui.vendors.title`,
 * `appi.selection`), camelCase (`riskAccepted`), snake_case, or a lone lower-case word (`pending`).
 */
const RAW_CODE = /\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b|\b[a-z]+(?:\.[a-zA-Z0-9-]+)+\b|\b[a-z]+[A-Z][a-zA-Z]*\b|\b[a-z]+_[a-z_]+\b|(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])/;

/** The English sentences and raw codes among a page's visible text ([] when it reads as Japanese); `allowed`: texts quoted as they are (citations of laws). */
export function englishOrCodes(runs: readonly string[], allowed: readonly string[] = []): string[] {
  const found: string[] = [];
  for (const run of runs) {
    const cited = allowed.reduce((text, quote) => text.split(quote).join(' '), run);
    const rest = ALLOWED.reduce((text, pattern) => text.replace(pattern, ' '), cited);
    const match = ENGLISH_SENTENCE.exec(rest) ?? RAW_CODE.exec(rest);
    if (match) found.push(`${match[0]}  ⟵  ${run.slice(0, 160)}`);
  }
  return found;
}
