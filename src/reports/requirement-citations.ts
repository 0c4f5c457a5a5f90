import { citeReference, joinCitations, Reference } from '../rules/citations';
import { ReportText } from './report-text';

/** "委託先の監督(個人情報保護法第25条)、…": requirements by their title in the report's language and their citations. */
export function requirementCitations(ids: readonly string[], requirements: ReadonlyArray<{ id: string; titleJa: string; titleEn: string; references: readonly Reference[] }>, text: ReportText): string {
  const byId = new Map(requirements.map((requirement) => [requirement.id, requirement]));
  return text.list(
    ids.flatMap((id) => {
      const requirement = byId.get(id);
      if (!requirement) return [];
      const citation = joinCitations(requirement.references.map((reference) => citeReference(reference, text.locale)), text.locale);
      return [text.t('report.dossier.requirement', { title: text.locale === 'ja' ? requirement.titleJa : requirement.titleEn, citation })];
    }),
  );
}
