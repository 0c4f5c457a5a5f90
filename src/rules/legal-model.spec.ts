import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { ContractFacts } from './contracts';
import { EvaluatedVendor, evaluateVendor, FLAG_RULES } from './flags';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';
import { assessRiskTier } from './risk-tier';
import { DEFAULT_SUPERVISION_SETTINGS, NO_SUPERVISION_RECORDS, SELECTION_ITEM_CODES, SupervisionFacts, supervisionRules } from './supervision';

/**
 * The acceptance of the legal model's second edition (issue "Legal model, second edition"), one row
 * per bullet: a vendor's facts and records in, what the rules say out.
 */
const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ASOF = '2026-11-28';
const CONFIRMED = SELECTION_ITEM_CODES.map((code) => ({ code, status: 'confirmed' as const }));
const SELECTED: SupervisionFacts = { ...NO_SUPERVISION_RECORDS, selections: [{ completedOn: '2020-03-01', outcome: 'approved', items: CONFIRMED }], completedAudits: ['2026-06-01'] };

interface Scenario {
  vendor?: Partial<EvaluatedVendor>;
  records?: Partial<SupervisionFacts>;
  profile?: Partial<OrganisationProfile>;
  reviews?: Record<string, 'present' | 'partial' | 'missing' | 'not-reviewed'>;
  retentionPeriod?: string | null;
  asOf?: string;
}

function evaluate(scenario: Scenario) {
  const records = { ...SELECTED, ...scenario.records };
  const vendor: EvaluatedVendor = {
    id: 'v', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null, reentrustmentAllowed: true, gdprApplies: false,
    riskTier: 'high', activeSince: '2020-04-01', relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval',
    subcontractorCountries: records.subcontractors.filter((s) => s.status !== 'withdrawn').map((s) => s.country), ...scenario.vendor,
  };
  const contract: ContractFacts = { id: 'c', title: '業務委託契約書', status: 'signed', effectiveFrom: '2020-04-01', expiresOn: null, autoRenew: false, retentionPeriod: scenario.retentionPeriod === undefined ? '契約終了後30日' : scenario.retentionPeriod };
  const reviews = CLAUSE_TYPES.map((clauseType) => ({ contractId: 'c', clauseType: clauseType.code, status: scenario.reviews?.[clauseType.code] ?? ('present' as const) }));
  const profile = { ...DEFAULT_ORGANISATION_PROFILE, ...scenario.profile };
  return evaluateVendor(
    { vendor, profile, contracts: [contract], reviews, asOf: scenario.asOf ?? ASOF },
    catalogue,
    [...FLAG_RULES, ...supervisionRules(() => records, DEFAULT_SUPERVISION_SETTINGS)],
  );
}

/** What a row checks: the flags (code/severity/basis and, where given, the named countries or date), the status, or the required clause types. */
const flagsOf = (scenario: Scenario) => evaluate(scenario).flags.map((flag) =>
  [flag.code, flag.severity, flag.basis, ...(flag.params.countries ? [(flag.params.countries as string[]).join(',')] : []), ...(flag.dueDate ? [flag.dueDate] : [])].join('/'));
const statusOf = (scenario: Scenario) => evaluate(scenario).status;
const requiredOf = (scenario: Scenario) => evaluate(scenario).requiredClauseTypes.map((clauseType) => clauseType.code);
const frameworksOf = (scenario: Scenario) => [...new Set(evaluate(scenario).applicableRequirementIds.map((id) => id.split('.')[0]))];
const ENTRUSTED = ['scope-purpose', 'use-limitation', 'security-measures', 'staff-confidentiality', 'reentrustment', 'handling-reports', 'audit-rights', 'incident-notification'];
const SG_REVIEW = { externalEnvironmentReviews: [{ completedOn: '2026-03-01', countries: ['SG'] }] };
const US_REVIEW = { externalEnvironmentReviews: [{ completedOn: '2026-03-01', countries: ['US'] }] };

describe('acceptance of the legal model, second edition', () => {
  it.each<[string, () => unknown, unknown]>([
    // Foreign recipient vs foreign handling (§3).
    ['JP vendor, data in SG, no transfer basis: no transfer-basis-missing, one external-environment-missing naming SG', () => flagsOf({ vendor: { dataLocations: ['JP', 'SG'] } }),
      ['external-environment-missing/critical/guideline/SG']],
    ['… after a foreign-regime review covering SG: none', () => flagsOf({ vendor: { dataLocations: ['JP', 'SG'] }, records: SG_REVIEW }), []],
    ['US vendor: transfer-basis-missing (critical, statute)', () => flagsOf({ vendor: { country: 'US' }, records: US_REVIEW }), ['transfer-basis-missing/critical/statute']],
    ['US vendor, basis equivalent-system, no review in 12 months: foreign-review-overdue', () =>
      flagsOf({ vendor: { country: 'US', transferBasis: 'equivalent-system' }, records: { ...US_REVIEW, transferReviews: ['2025-11-01'] } }),
    ['foreign-review-overdue/critical/statute/2026-11-01']],
    ['US vendor, basis consent: no follow-up flag', () => flagsOf({ vendor: { country: 'US', transferBasis: 'consent' }, records: US_REVIEW }), []],
    ['FR vendor: no Art. 28 flag, but the foreign-handling review is required', () => flagsOf({ vendor: { country: 'FR', dataLocations: ['FR'] } }),
      ['external-environment-missing/critical/guideline/FR']],
    ['GB vendor: the same', () => flagsOf({ vendor: { country: 'GB', dataLocations: [] } }), ['external-environment-missing/critical/guideline/GB']],
    ['JP vendor with a subcontractor in the US: external-environment-missing naming US', () =>
      flagsOf({ records: { subcontractors: [{ id: 's', name: 'US Sub', country: 'US', status: 'approved', depth: 1, objectionDeadline: null }] } }),
    ['external-environment-missing/critical/guideline/US']],
    // The organisation profile (§1).
    ['privacyMark false: no JIS requirement applies', () => frameworksOf({}), ['appi', 'tel']],
    ['privacyMark true: they do', () => frameworksOf({ profile: { privacyMark: true } }), ['appi', 'tel', 'jis']],
    ['isms false: no ISO requirement; true: they do', () => [frameworksOf({ profile: { isms: false } }), frameworksOf({ profile: { isms: true } })], [['appi', 'tel'], ['appi', 'tel', 'iso']]],
    ['policyPromises false: the 3-4-4(2)(3) rows become info', () =>
      flagsOf({ profile: { policyPromises: false }, reviews: { 'security-measures': 'missing', 'audit-rights': 'missing' }, records: { completedAudits: ['2020-01-01'] } }),
    ['missing-clause/info/recommended', 'missing-clause/info/recommended', 'audit-overdue/info/recommended/2021-01-01']],
    ['… and the vendor can be 適合 without them', () =>
      statusOf({ profile: { policyPromises: false }, reviews: { 'security-measures': 'missing', 'audit-rights': 'missing' }, records: { completedAudits: ['2020-01-01'] } }), 'compliant'],
    ['… with the promises the same vendor is 要是正', () =>
      statusOf({ reviews: { 'security-measures': 'missing', 'audit-rights': 'missing' }, records: { completedAudits: ['2020-01-01'] } }), 'non-compliant'],
    // Re-entrustment (§5).
    ['objection-period vendor: a pending subcontractor before its deadline is a warning with the date', () =>
      flagsOf({ vendor: { subcontractorApproval: 'objection-period' }, records: { subcontractors: [{ id: 's', name: 'S', country: 'JP', status: 'pending', depth: 1, objectionDeadline: '2026-11-28' }] } }),
    ['subcontractor-objection-open/warning/policy/2026-11-28']],
    ['… the day after, with no objection: deemed approved, no flag', () =>
      flagsOf({ asOf: '2026-11-29', vendor: { subcontractorApproval: 'objection-period' }, records: { subcontractors: [{ id: 's', name: 'S', country: 'JP', status: 'pending', depth: 1, objectionDeadline: '2026-11-28' }] } }),
    []],
    ['a my-number vendor\'s pending subcontractor stays critical', () =>
      flagsOf({ asOf: '2026-11-29', vendor: { dataCategories: ['my-number'] }, records: { subcontractors: [{ id: 's', name: 'S', country: 'JP', status: 'pending', depth: 1, objectionDeadline: '2026-11-28' }] } }),
    ['subcontractor-unapproved/critical/statute']],
    // My Number (§6).
    ['my-number vendor: the exact required clause set, no-removal and staff-training included', () => requiredOf({ vendor: { dataCategories: ['my-number'] } }),
      [...ENTRUSTED, 'breach-remedies', 'retention-erasure', 'return-deletion', 'no-removal', 'staff-training']],
    ['… a missing no-removal clause is critical (特定個人情報GL)', () => flagsOf({ vendor: { dataCategories: ['my-number'] }, reviews: { 'no-removal': 'missing' } }),
      ['missing-clause/critical/guideline']],
    // Other corrections (§7).
    ['payment → high', () => assessRiskTier({ country: 'JP', dataLocations: [], dataCategories: ['payment'], dataSubjectCount: null }).tier, 'high'],
    ['approved selection with an unconfirmed item → selection-incomplete', () =>
      flagsOf({ records: { selections: [{ completedOn: '2026-01-01', outcome: 'approved', items: CONFIRMED.filter((item) => item.code !== 'physical') }] } }),
    ['selection-incomplete/critical/guideline']],
    ['communications vendor, contract without a retention period: a warning (要注意)', () =>
      [flagsOf({ vendor: { dataCategories: ['communications'] }, retentionPeriod: null }), statusOf({ vendor: { dataCategories: ['communications'] }, retentionPeriod: null })],
      [['retention-period-missing/warning/guideline'], 'at-risk']],
    ['… with the period recorded: 適合', () => statusOf({ vendor: { dataCategories: ['communications'] } }), 'compliant'],
    // Relationship (§4).
    ['cloud-no-handling: its own no-handling item, no supervision duties', () =>
      [requiredOf({ vendor: { relationship: 'cloud-no-handling' } }), flagsOf({ vendor: { relationship: 'cloud-no-handling' }, records: { selections: [], completedAudits: [] }, reviews: { 'no-handling': 'missing' } })],
      [['no-handling'], ['missing-clause/critical/guideline']]],
    ['joint-use: one info flag, 適合', () => [flagsOf({ vendor: { relationship: 'joint-use' } }), statusOf({ vendor: { relationship: 'joint-use' } })], [['oversight-not-applicable/info/recommended'], 'compliant']],
  ])('%s', (_bullet, actual, expected) => {
    expect(actual()).toEqual(expected);
  });
});
