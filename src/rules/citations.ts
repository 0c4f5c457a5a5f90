/** A catalogue requirement as a citation needs it: its framework and its reference within it. */
export interface CitableRequirement {
  id: string;
  framework: string;
  reference: string;
}

/** How a lawyer names each framework; telecom references already name their law (TBA, telecom GL). */
const FRAMEWORK_NAMES: Readonly<Record<string, string>> = { APPI: 'APPI', JIS: 'JIS Q 15001', GDPR: 'GDPR', ISO: 'ISO/IEC 27001' };

/** One requirement cited as flags, checklists and pages show it, e.g. "APPI Art. 25", "JIS Q 15001 b)", "TBA Art. 4(1)". */
export function citation(requirement: Pick<CitableRequirement, 'framework' | 'reference'>): string {
  const name = FRAMEWORK_NAMES[requirement.framework];
  return name ? `${name} ${requirement.reference}` : requirement.reference;
}

/** Each requirement's citation by id, worked out once for a catalogue. */
export function citationIndex(requirements: readonly CitableRequirement[]): ReadonlyMap<string, string> {
  return new Map(requirements.map((requirement) => [requirement.id, citation(requirement)]));
}

/**
 * The citations of some requirements, in order and each once; an id the catalogue does not know is
 * cited as itself. When there is none, `basis` (a clause type's own basis, domain.md) stands in.
 */
export function citationsOf(requirementIds: readonly string[], index: ReadonlyMap<string, string>, basis?: string | null): string[] {
  const cited = [...new Set(requirementIds.map((id) => index.get(id) ?? id))];
  return cited.length === 0 && basis ? [basis] : cited;
}

/** Citations inside a sentence: "APPI Art. 25; JIS Q 15001 b)". */
export function joinCitations(citations: readonly string[]): string {
  return citations.join('; ');
}
