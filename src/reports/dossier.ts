/**
 * The 委託先カルテ (vendor dossier) as plain, already translated data: the print page and the PDF
 * render this one model, so both show the same content in the same order.
 */
export interface DossierFact {
  label: string;
  value: string;
}

export interface DossierTable {
  caption: string;
  header: string[];
  rows: string[][];
  /** What the table says when it has no rows. */
  empty: string;
}

/** A long text with a heading, printed full width (a flag and its basis). */
export interface DossierEntry {
  heading: string;
  text: string;
  detail: string;
}

export interface DossierSection {
  id: string;
  title: string;
  facts: DossierFact[];
  paragraphs: string[];
  entries: DossierEntry[];
  /** What the entries list says when it has none (empty when the section has no entries list). */
  noEntries: string;
  tables: DossierTable[];
}

export interface Dossier {
  vendorId: string;
  vendorName: string;
  /** 「委託先カルテ」/ "Vendor dossier" */
  title: string;
  /** The day the content is as of (ORG_TIMEZONE). */
  asOf: string;
  /** The running header: vendor, date. */
  header: string;
  sections: DossierSection[];
}

/** A section with only what is given. */
export function section(id: string, title: string, parts: Partial<Pick<DossierSection, 'facts' | 'paragraphs' | 'entries' | 'noEntries' | 'tables'>>): DossierSection {
  return { id, title, facts: parts.facts ?? [], paragraphs: parts.paragraphs ?? [], entries: parts.entries ?? [], noEntries: parts.noEntries ?? '', tables: parts.tables ?? [] };
}
