import { Catalogue } from '../rules/applicability';
import { ClauseGaps, Evaluation, evaluateVendor, FLAG_RULES } from '../rules/flags';
import { NO_SUPERVISION_RECORDS, SupervisionFacts, SupervisionSettings, supervisionRules } from '../rules/supervision';
import { questionnaireRules } from '../rules/questionnaire-supervision';
import { ComplianceFacts, VendorFactsRow } from './compliance-facts';

const NO_GAPS: ClauseGaps = new Map();

/** Runs every rule (contracts, clauses and supervision) over loaded facts: pure, no database. */
export function evaluateFacts(
  facts: ComplianceFacts,
  asOf: string,
  catalogue: Catalogue,
  settings: SupervisionSettings,
): Array<{ vendor: VendorFactsRow; evaluation: Evaluation; records: SupervisionFacts }> {
  const supervisionOf = (vendorId: string): SupervisionFacts => facts.supervisionByVendor.get(vendorId) ?? NO_SUPERVISION_RECORDS;
  const rules = [...FLAG_RULES, ...supervisionRules(supervisionOf, settings), ...questionnaireRules((vendorId) => facts.questionnairesByVendor.get(vendorId) ?? [])];
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
