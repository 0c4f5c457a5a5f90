import { Catalogue } from '../rules/applicability';
import { ClauseGaps, Evaluation, evaluateVendor, FLAG_RULES } from '../rules/flags';
import { NO_SUPERVISION_RECORDS, SupervisionFacts, SupervisionSettings, supervisionRules } from '../rules/supervision';
import { questionnaireRules } from '../rules/questionnaire-supervision';
import { incidentAuditRule } from '../rules/incident-audit';
import { IncidentMoment, IncidentRecord, incidentRules } from '../rules/incident-flags';
import { ComplianceFacts, VendorFactsRow } from './compliance-facts';

const NO_GAPS: ClauseGaps = new Map();
const NO_INCIDENTS: readonly IncidentRecord[] = [];

/** Runs every rule (contracts, clauses and supervision) over loaded facts: pure, no database. */
export function evaluateFacts(
  facts: ComplianceFacts,
  asOf: string,
  catalogue: Catalogue,
  settings: SupervisionSettings,
  /** The instant incident deadlines are judged at (hour-level), and the time zone they are shown in. */
  moment: IncidentMoment,
): Array<{ vendor: VendorFactsRow; evaluation: Evaluation; records: SupervisionFacts }> {
  const supervisionOf = (vendorId: string): SupervisionFacts => facts.supervisionByVendor.get(vendorId) ?? NO_SUPERVISION_RECORDS;
  const incidentsOf = (vendorId: string) => facts.incidentsByVendor.get(vendorId) ?? NO_INCIDENTS;
  const rules = [
    ...FLAG_RULES,
    ...supervisionRules(supervisionOf, settings),
    ...questionnaireRules((vendorId) => facts.questionnairesByVendor.get(vendorId) ?? []),
    ...incidentRules(incidentsOf, moment),
    incidentAuditRule(supervisionOf, settings),
  ];
  return facts.vendors.map((vendor) => ({
    vendor,
    records: supervisionOf(vendor.id),
    evaluation: evaluateVendor(
      { vendor, profile: settings.profile, contracts: facts.contractsByVendor.get(vendor.id) ?? [], clauseGaps: facts.gapsByVendor.get(vendor.id) ?? NO_GAPS, asOf },
      catalogue,
      rules,
    ),
  }));
}
