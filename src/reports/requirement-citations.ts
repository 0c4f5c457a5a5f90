import { citation } from '../rules/citations';
import { ReportText } from './report-text';

/** "委託先の監督(APPI Art. 25)、…": requirements by their title in the report's language and their citation. */
export function requirementCitations(ids: readonly string[], requirements: ReadonlyArray<{ id: string; titleJa: string; titleEn: string; framework: string; reference: string }>, text: ReportText): string {
  const byId = new Map(requirements.map((requirement) => [requirement.id, requirement]));
  return text.list(
    ids.map((id) => {
      const requirement = byId.get(id);
      if (!requirement) return id;
      return text.t('report.dossier.requirement', { title: text.locale === 'ja' ? requirement.titleJa : requirement.titleEn, citation: citation(requirement) });
    }),
  );
}
