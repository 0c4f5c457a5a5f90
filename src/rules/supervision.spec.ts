import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { addMonths } from './calendar';
import { CLAUSE_TYPES } from './clause-types';
import { ContractFacts } from './contracts';
import { EvaluatedVendor, evaluateVendor, FLAG_RULES, RuleFlag } from './flags';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';
import {
  deemedAuthorised, DEFAULT_SUPERVISION_SETTINGS, nextAuditDue, NO_SUPERVISION_RECORDS, SELECTION_ITEM_CODES, SelectionItem, SupervisionFacts, supervisionRules,
  unconfirmedSelectionItems,
} from './supervision';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ASOF = '2026-11-28';
/** The shipped default: a telecom carrier without certifications whose privacy policy promises supervision. */
const profile = DEFAULT_ORGANISATION_PROFILE;
/** A selection that confirmed every item (通則GL 3-4-4(1)). */
const ALL_CONFIRMED: SelectionItem[] = SELECTION_ITEM_CODES.map((code) => ({ code, status: 'confirmed' }));

describe('addMonths: month ends and leap years', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2026-01-31', -2, '2025-11-30'],
    ['2023-05-20', 36, '2026-05-20'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('next audit due date', () => {
  type Case = { riskTier?: 'high' | 'medium' | 'low'; activeSince?: string | null; completedAudits?: string[] };
  const due = (overrides: Case, settings = DEFAULT_SUPERVISION_SETTINGS) =>
    nextAuditDue({ riskTier: overrides.riskTier ?? 'high', activeSince: overrides.activeSince === undefined ? '2024-02-29' : overrides.activeSince }, overrides.completedAudits ?? [], settings);
  it.each([
    ['never audited, high: activeSince + 12 months', {}, '2025-02-28'],
    ['never audited, medium: + 24 months', { riskTier: 'medium' }, '2026-02-28'],
    ['never audited, low: + 36 months', { riskTier: 'low' }, '2027-02-28'],
    ['the latest completed audit counts', { completedAudits: ['2025-06-30', '2026-01-15', '2025-01-01'] }, '2027-01-15'],
    ['a tier change moves the due date (high → low)', { riskTier: 'low', completedAudits: ['2026-01-15'] }, '2029-01-15'],
    ['no activation date and no audit: no due date', { activeSince: null }, null],
  ] as Array<[string, Case, string | null]>)('%s', (_label, overrides, expected) => {
    expect(due(overrides)).toBe(expected);
  });

  it('follows the configured intervals', () => {
    expect(due({}, { ...DEFAULT_SUPERVISION_SETTINGS, auditIntervalMonths: { high: 6, medium: 12, low: 24 } })).toBe('2024-08-29');
  });
});

describe('selection items (legal-model.md §7): what an approved selection must have confirmed', () => {
  const selection = (outcome: 'approved' | 'approved-with-conditions', items: SelectionItem[]) => ({ completedOn: '2026-01-01', outcome, items });
  const allBut = (code: string, item?: Partial<SelectionItem>) => [...ALL_CONFIRMED.filter((i) => i.code !== code), ...(item ? [{ code, ...item } as SelectionItem] : [])];
  it.each([
    ['every item confirmed', 'approved', ALL_CONFIRMED, []],
    ['no item recorded (an outcome only): every item is unconfirmed', 'approved', [], SELECTION_ITEM_CODES],
    ['an item missing', 'approved', allBut('technical'), ['technical']],
    ['not applicable with a reason', 'approved', allBut('external-environment', { status: 'not-applicable', note: '国内のみで取り扱う' }), []],
    ['not applicable without a reason', 'approved', allBut('external-environment', { status: 'not-applicable' }), ['external-environment']],
    ['not applicable with a blank reason', 'approved', allBut('external-environment', { status: 'not-applicable', note: '  ' }), ['external-environment']],
    ['not confirmed, though approved', 'approved', allBut('human', { status: 'not-confirmed' }), ['human']],
    ['not confirmed, approved with conditions (the conditions cover it)', 'approved-with-conditions', allBut('human', { status: 'not-confirmed' }), []],
    ['missing, approved with conditions', 'approved-with-conditions', allBut('human'), ['human']],
  ] as const)('%s → %j', (_label, outcome, items, expected) => {
    expect(unconfirmedSelectionItems(selection(outcome, items as SelectionItem[]))).toEqual(expected);
  });
});

describe('deemed authorisation of a subcontractor (legal-model.md §5)', () => {
  const objection = { subcontractorApproval: 'objection-period' as const, dataCategories: ['customer'] };
  it.each([
    ['objection period, deadline passed yesterday', objection, { status: 'pending', objectionDeadline: '2026-11-27' }, true],
    ['objection period, deadline today', objection, { status: 'pending', objectionDeadline: ASOF }, false],
    ['objection period, no deadline', objection, { status: 'pending', objectionDeadline: null }, false],
    ['objection period, objected', objection, { status: 'objected', objectionDeadline: '2026-11-01' }, false],
    ['objection period, already approved', objection, { status: 'approved', objectionDeadline: '2026-11-01' }, false],
    ['prior approval', { ...objection, subcontractorApproval: 'prior-approval' }, { status: 'pending', objectionDeadline: '2026-11-01' }, false],
    ['My Number data: never (番号法 Art. 10)', { ...objection, dataCategories: ['customer', 'my-number'] }, { status: 'pending', objectionDeadline: '2026-11-01' }, false],
  ] as const)('%s → %s', (_label, vendor, subcontractor, expected) => {
    expect(deemedAuthorised(vendor, subcontractor, ASOF)).toBe(expected);
  });
});

describe('supervision flags', () => {
  const vendor = (overrides: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
    id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null,
    reentrustmentAllowed: true, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01',
    relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...overrides,
  });
  const contract: ContractFacts = { id: 'c1', title: '契約', status: 'signed', effectiveFrom: '2020-01-01', expiresOn: null, autoRenew: false, retentionPeriod: '契約終了後30日' };
  const compliantBase: SupervisionFacts = {
    ...NO_SUPERVISION_RECORDS, selections: [{ completedOn: '2020-03-01', outcome: 'approved', items: ALL_CONFIRMED }], completedAudits: ['2026-01-10'],
  };
  const sub = (overrides: Partial<SupervisionFacts['subcontractors'][number]> = {}): SupervisionFacts['subcontractors'][number] =>
    ({ id: 's1', name: '再委託先A', country: 'JP', status: 'pending', depth: 1, objectionDeadline: null, ...overrides });
  const evaluate = (input: Partial<SupervisionFacts> & Partial<Pick<EvaluatedVendor, 'riskTier' | 'activeSince'>>, vendorFacts: Partial<EvaluatedVendor> = {}, asOf = ASOF, org = profile) => {
    const { riskTier, activeSince, ...supervision } = input;
    vendorFacts = { ...(riskTier ? { riskTier } : {}), ...(activeSince ? { activeSince } : {}), ...vendorFacts };
    const records = { ...compliantBase, ...supervision };
    const rules = [...FLAG_RULES, ...supervisionRules(() => records, DEFAULT_SUPERVISION_SETTINGS)];
    const reviews = CLAUSE_TYPES.map((clauseType) => ({ contractId: 'c1', clauseType: clauseType.code, status: 'present' as const }));
    const subcontractorCountries = records.subcontractors.filter((s) => s.status !== 'withdrawn').map((s) => s.country);
    return evaluateVendor({ vendor: vendor({ subcontractorCountries, ...vendorFacts }), profile: org, contracts: [contract], reviews, asOf }, catalogue, rules);
  };
  const summary = (flags: RuleFlag[]) => flags.map((flag) => `${flag.code}/${flag.severity}/${flag.basis}${flag.dueDate ? `@${flag.dueDate}` : ''}`);

  it('is compliant with every record in place', () => {
    expect(evaluate({})).toMatchObject({ status: 'compliant', flags: [] });
  });

  it.each([
    ['no approved selection assessment', { selections: [] }, {}, ['selection-missing/critical/guideline']],
    ['a candidate needs no selection yet', { selections: [] }, { status: 'candidate' }, []],
    ['an approved selection recording only its outcome', { selections: [{ completedOn: '2020-03-01', outcome: 'approved', items: [] }] }, {}, ['selection-incomplete/critical/guideline']],
    ['an incomplete selection, then a complete one: it counts', { selections: [{ completedOn: '2020-03-01', outcome: 'approved', items: [] }, { completedOn: '2019-03-01', outcome: 'approved', items: ALL_CONFIRMED }] }, {}, []],
    ['audit overdue by a day (medium: 24 months)', { completedAudits: ['2024-11-27'] }, {}, ['audit-overdue/critical/policy@2026-11-27']],
    ['audit due today: due soon, not overdue', { completedAudits: ['2024-11-28'] }, {}, ['audit-due-soon/warning/policy@2026-11-28']],
    ['audit due in exactly 30 days', { completedAudits: ['2024-12-28'] }, {}, ['audit-due-soon/warning/policy@2026-12-28']],
    ['audit due in 31 days', { completedAudits: ['2024-12-29'] }, {}, []],
    ['never audited: activeSince + interval', { completedAudits: [], activeSince: '2024-06-01' }, {}, ['audit-overdue/critical/policy@2026-06-01']],
    ['high tier shortens the interval', { riskTier: 'high', completedAudits: ['2025-11-01'] }, {}, ['audit-overdue/critical/policy@2026-11-01']],
    ['My Number data: the audit is a statutory duty (番号法 Art. 11)', { completedAudits: ['2024-11-27'] }, { dataCategories: ['my-number'], reentrustmentAllowed: false }, ['audit-overdue/critical/statute@2026-11-27']],
    ['open high finding past due', { openFindings: [{ id: 'f1', title: 'ログ未取得', severity: 'high', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/critical/policy@2026-11-27']],
    ['open medium finding past due', { openFindings: [{ id: 'f1', title: 'x', severity: 'medium', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/warning/policy@2026-11-27']],
    ['open low finding past due', { openFindings: [{ id: 'f1', title: 'x', severity: 'low', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/warning/policy@2026-11-27']],
    ['open finding due today', { openFindings: [{ id: 'f1', title: 'x', severity: 'high', dueOn: ASOF }] }, {}, []],
    ['prior approval, pending at depth 2: a warning (company policy)', { subcontractors: [sub({ depth: 2 })] }, {}, ['subcontractor-unapproved/warning/policy']],
    ['prior approval, pending, GDPR vendor: critical (GDPR Art. 28(2))', { subcontractors: [sub()] }, { gdprApplies: true }, ['subcontractor-unapproved/critical/statute']],
    ['objected subcontractor still listed', { subcontractors: [sub({ status: 'objected' })] }, {}, ['subcontractor-unapproved/critical/policy']],
    ['approved subcontractor', { subcontractors: [sub({ status: 'approved' })] }, {}, []],
    ['withdrawn subcontractor (再委託終了)', { subcontractors: [sub({ status: 'withdrawn' })] }, { reentrustmentAllowed: false }, []],
    ['approved subcontractor though re-entrustment is not allowed', { subcontractors: [sub({ status: 'approved' })] }, { reentrustmentAllowed: false }, ['subcontractor-unapproved/critical/policy']],
    ['objection period, before the deadline: a warning with the date', { subcontractors: [sub({ objectionDeadline: '2026-12-01' })] }, { subcontractorApproval: 'objection-period' }, ['subcontractor-objection-open/warning/policy@2026-12-01']],
    ['objection period, on the deadline', { subcontractors: [sub({ objectionDeadline: ASOF })] }, { subcontractorApproval: 'objection-period' }, [`subcontractor-objection-open/warning/policy@${ASOF}`]],
    ['objection period, the day after it: deemed authorised', { subcontractors: [sub({ objectionDeadline: '2026-11-27' })] }, { subcontractorApproval: 'objection-period' }, []],
    ['objection period with no deadline recorded: waits for approval', { subcontractors: [sub()] }, { subcontractorApproval: 'objection-period' }, ['subcontractor-unapproved/warning/policy']],
    ['My Number data: a pending subcontractor stays critical after any deadline', { subcontractors: [sub({ objectionDeadline: '2026-11-01' })] }, { dataCategories: ['my-number'], subcontractorApproval: 'objection-period' }, ['subcontractor-unapproved/critical/statute']],
    ['no entrustment: subcontractors are not ours to approve', { subcontractors: [sub()] }, { relationship: 'provision' }, ['oversight-not-applicable/info/recommended']],
    ['no entrustment: not even a subcontractor the contract forbids', { subcontractors: [sub({ status: 'approved' })] }, { relationship: 'joint-use', reentrustmentAllowed: false }, ['oversight-not-applicable/info/recommended']],
    ['no entrustment: an overdue finding is not an oversight duty', { openFindings: [{ id: 'f1', title: 'x', severity: 'high', dueOn: '2026-11-01' }] }, { relationship: 'joint-use' }, ['oversight-not-applicable/info/recommended']],
    ['prior approval: an announced deadline changes nothing', { subcontractors: [sub({ objectionDeadline: '2026-12-01' })] }, {}, ['subcontractor-unapproved/warning/policy']],
    ['objection period, GDPR vendor: still a warning until the deadline', { subcontractors: [sub({ objectionDeadline: '2026-12-01' })] }, { subcontractorApproval: 'objection-period', gdprApplies: true }, ['subcontractor-objection-open/warning/statute@2026-12-01']],
    ['certificate expired yesterday', { certificates: [{ id: 'k', kind: 'privacy-mark', validUntil: '2026-11-27' }] }, {}, ['certificate-expired/warning/policy@2026-11-27']],
    ['certificate valid until today', { certificates: [{ id: 'k', kind: 'iso27001', validUntil: ASOF }] }, {}, []],
    ['a US vendor with no transfer basis', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }] }, { country: 'US' }, ['transfer-basis-missing/critical/statute']],
    ['a US vendor with consent: no follow-up', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }] }, { country: 'US', transferBasis: 'consent' }, []],
    ['a US vendor with a 基準適合体制, never checked', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }] }, { country: 'US', transferBasis: 'equivalent-system' }, ['foreign-review-overdue/critical/statute']],
    ['… checked 12 months ago to the day', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }], transferReviews: ['2025-11-28'] }, { country: 'US', transferBasis: 'equivalent-system' }, []],
    ['… checked 12 months and a day ago', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }], transferReviews: ['2025-11-27'] }, { country: 'US', transferBasis: 'equivalent-system' }, ['foreign-review-overdue/critical/statute@2026-11-27']],
    ['a Japanese vendor storing data in Singapore, not reviewed', {}, { dataLocations: ['JP', 'SG'] }, ['external-environment-missing/critical/guideline']],
    ['… reviewed for Singapore', { externalEnvironmentReviews: [{ completedOn: '2025-06-01', countries: ['SG'] }] }, { dataLocations: ['JP', 'SG'] }, []],
    ['a French vendor: no Art. 28 flag, the foreign environment still', {}, { country: 'FR' }, ['external-environment-missing/critical/guideline']],
    ['a Japanese vendor with a US subcontractor', { subcontractors: [sub({ country: 'US', status: 'approved' })] }, {}, ['external-environment-missing/critical/guideline']],
    ['a cloud service abroad that does not handle the data: the foreign environment only', {}, { relationship: 'cloud-no-handling', country: 'US' }, ['external-environment-missing/critical/guideline']],
    ['terminated without a deletion certificate', {}, { status: 'terminated' }, ['deletion-certificate-missing/critical/policy']],
    ['terminated with a deletion certificate', { deletionCertificates: 1 }, { status: 'terminated' }, []],
    ['joint use: one advisory flag', {}, { relationship: 'joint-use' }, ['oversight-not-applicable/info/recommended']],
    ['a candidate in joint use: none yet', {}, { relationship: 'joint-use', status: 'candidate' }, []],
  ] as const)('%s', (_label, supervision, vendorFacts, expected) => {
    expect(summary(evaluate(supervision as unknown as Partial<SupervisionFacts>, vendorFacts as Partial<EvaluatedVendor>).flags)).toEqual(expected);
  });

  it('makes the policy duties advisory without the privacy policy\'s promises: the vendor can be compliant without audits', () => {
    const noPromises = { ...profile, policyPromises: false };
    const evaluation = evaluate({ completedAudits: ['2020-01-01'], subcontractors: [sub()], certificates: [{ id: 'k', kind: 'soc2', validUntil: '2026-01-01' }] }, {}, ASOF, noPromises);
    expect(summary(evaluation.flags)).toEqual([
      'audit-overdue/info/recommended@2022-01-01', 'subcontractor-unapproved/info/recommended', 'certificate-expired/info/recommended@2026-01-01',
    ]);
    expect(evaluation.status).toBe('compliant');
  });

  it('cites the requirements of each duty that apply to the vendor', () => {
    const [selection] = evaluate({ selections: [] }, { gdprApplies: true }).flags;
    expect(selection).toMatchObject({ basis: 'statute', requirementIds: ['appi.selection', 'tel.supervision', 'gdpr.guarantees'] });
    const [subcontractor] = evaluate({ subcontractors: [sub()] }).flags;
    expect(subcontractor.requirementIds).toEqual(['appi.reentrust-approval', 'appi.reentrust-oversight']);
    const [unapproved] = evaluate({ subcontractors: [sub({ status: 'approved' })] }, { reentrustmentAllowed: false }).flags;
    expect(unapproved.requirementIds).toEqual(['appi.reentrust-terms']);
  });

  const SELECTION = ['appi.selection', 'tel.supervision'];
  const AUDIT = ['appi.periodic-audit'];
  const APPROVAL = ['appi.reentrust-approval', 'appi.reentrust-oversight'];
  it.each([
    ['selection-missing', { selections: [] }, {}, [{ code: 'selection-missing', severity: 'critical', basis: 'guideline', requirementIds: SELECTION, params: {} }]],
    ['selection-incomplete, listing the unconfirmed items of the latest selection', {
      selections: [
        { completedOn: '2020-03-01', outcome: 'approved', items: ALL_CONFIRMED.filter((item) => item.code !== 'human') },
        { completedOn: '2024-03-01', outcome: 'approved', items: ALL_CONFIRMED.filter((item) => !['physical', 'technical'].includes(item.code)) },
        { completedOn: '2022-03-01', outcome: 'approved-with-conditions', items: [] },
      ],
    }, {}, [{ code: 'selection-incomplete', severity: 'critical', basis: 'guideline', requirementIds: SELECTION, params: { items: ['physical', 'technical'], completedOn: '2024-03-01' } }]],
    ['audit-overdue, counted from the latest audit', { completedAudits: ['2023-01-15', '2024-11-20', '2024-02-01'] }, {}, [
      { code: 'audit-overdue', severity: 'critical', basis: 'policy', requirementIds: AUDIT, dueDate: '2026-11-20', params: { months: 24, tier: 'medium', since: '2024-11-20' } },
    ]],
    ['audit-due-soon, counted from activation when never audited', { completedAudits: [], activeSince: '2024-12-10' }, {}, [
      { code: 'audit-due-soon', severity: 'warning', basis: 'policy', requirementIds: AUDIT, dueDate: '2026-12-10', params: { months: 24, tier: 'medium', since: '2024-12-10' } },
    ]],
    ['audit-overdue for an offboarding vendor (it still holds the data)', { completedAudits: ['2025-10-01'] }, { status: 'offboarding', riskTier: 'high' }, [
      { code: 'audit-overdue', severity: 'critical', basis: 'policy', requirementIds: AUDIT, dueDate: '2026-10-01', params: { months: 12, tier: 'high', since: '2025-10-01' } },
    ]],
    ['no audit due without an audit or an activation date', { completedAudits: [] }, { activeSince: null }, []],
    ['no audit flag for a candidate, however old its audit', { completedAudits: ['2019-01-01'], selections: [] }, { status: 'candidate' }, []],
    ['no audit flag for a terminated vendor', { completedAudits: ['2019-01-01'], deletionCertificates: 1 }, { status: 'terminated' }, []],
    ['finding-overdue: only the finding past due, critical when high', {
      openFindings: [{ id: 'f1', title: 'ログ未取得', severity: 'high', dueOn: '2026-11-27' }, { id: 'f2', title: '教育記録', severity: 'low', dueOn: '2026-12-01' }],
    }, {}, [
      { code: 'finding-overdue', severity: 'critical', basis: 'policy', requirementIds: AUDIT, dueDate: '2026-11-27', refType: 'finding', refId: 'f1', params: { title: 'ログ未取得', severity: 'high' } },
    ]],
    ['subcontractor-unapproved: pending, at its depth', { subcontractors: [sub({ depth: 2 })] }, {}, [
      { code: 'subcontractor-unapproved', severity: 'warning', basis: 'policy', variant: 'pending', requirementIds: APPROVAL, refType: 'subcontractor', refId: 's1', params: { name: '再委託先A', depth: 2 } },
    ]],
    ['subcontractor-unapproved: a My Number vendor\'s, citing 番号法 Art. 10', { subcontractors: [sub()] }, { dataCategories: ['my-number'] }, [
      { code: 'subcontractor-unapproved', severity: 'critical', basis: 'statute', variant: 'pending', requirementIds: [...APPROVAL, 'mn.reentrust-permission'], refType: 'subcontractor', refId: 's1', params: { name: '再委託先A', depth: 1 } },
    ]],
    ['subcontractor-unapproved: any subcontractor when re-entrustment is not allowed', { subcontractors: [sub({ status: 'approved', name: 'A' })] }, { reentrustmentAllowed: false }, [
      { code: 'subcontractor-unapproved', severity: 'critical', basis: 'policy', variant: 'not-allowed', requirementIds: ['appi.reentrust-terms'], refType: 'subcontractor', refId: 's1', params: { name: 'A', depth: 1 } },
    ]],
    ['subcontractor-unapproved: objected to, still listed', { subcontractors: [sub({ status: 'objected' })] }, {}, [
      { code: 'subcontractor-unapproved', severity: 'critical', basis: 'policy', variant: 'objected', requirementIds: APPROVAL, refType: 'subcontractor', refId: 's1', params: { name: '再委託先A', depth: 1 } },
    ]],
    ['subcontractor-objection-open: with its deadline', { subcontractors: [sub({ objectionDeadline: '2026-12-05' })] }, { subcontractorApproval: 'objection-period' }, [
      { code: 'subcontractor-objection-open', severity: 'warning', basis: 'policy', requirementIds: APPROVAL, dueDate: '2026-12-05', refType: 'subcontractor', refId: 's1', params: { name: '再委託先A', depth: 1 } },
    ]],
    ['certificate-expired', { certificates: [{ id: 'k1', kind: 'privacy-mark', validUntil: '2026-11-27' }, { id: 'k2', kind: 'soc2', validUntil: '2027-01-01' }] }, {}, [
      { code: 'certificate-expired', severity: 'warning', basis: 'policy', requirementIds: [], dueDate: '2026-11-27', refType: 'certificate', refId: 'k1', params: { kind: 'privacy-mark' } },
    ]],
    ['transfer-basis-missing, naming the country', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }] }, { country: 'US' }, [
      { code: 'transfer-basis-missing', severity: 'critical', basis: 'statute', requirementIds: ['appi.foreign-basis'], params: { country: 'US' } },
    ]],
    ['foreign-review-overdue: never checked', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }] }, { country: 'US', transferBasis: 'equivalent-system' }, [
      { code: 'foreign-review-overdue', severity: 'critical', basis: 'statute', variant: 'never', requirementIds: ['appi.foreign-followup'], params: { last: '' } },
    ]],
    ['foreign-review-overdue: the latest check is more than 12 months old', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['US'] }], transferReviews: ['2025-11-27', '2024-12-01'] },
      { country: 'US', transferBasis: 'equivalent-system' }, [
        { code: 'foreign-review-overdue', severity: 'critical', basis: 'statute', variant: 'overdue', requirementIds: ['appi.foreign-followup'], dueDate: '2026-11-27', params: { last: '2025-11-27' } },
      ]],
    ['external-environment-missing: the countries not covered, in order', { externalEnvironmentReviews: [{ completedOn: '2026-01-01', countries: ['SG', 'CN'] }], subcontractors: [sub({ country: 'DE', status: 'approved' })] },
      { country: 'US', transferBasis: 'consent', dataLocations: ['SG', 'IN'] }, [
        { code: 'external-environment-missing', severity: 'critical', basis: 'guideline', requirementIds: ['appi.external-environment'], params: { countries: ['US', 'IN', 'DE'] } },
      ]],
    ['no foreign flag for a terminated vendor abroad', { deletionCertificates: 1 }, { country: 'US', status: 'terminated' }, []],
    ['no annual check for a terminated vendor with a 基準適合体制', { deletionCertificates: 1 }, { country: 'US', status: 'terminated', transferBasis: 'equivalent-system' }, []],
    ['deletion-certificate-missing', {}, { status: 'terminated' }, [{ code: 'deletion-certificate-missing', severity: 'critical', basis: 'policy', requirementIds: ['appi.end-of-contract'], params: {} }]],
    ['oversight-not-applicable: joint use', {}, { relationship: 'joint-use' }, [
      { code: 'oversight-not-applicable', severity: 'info', basis: 'recommended', variant: 'joint-use', requirementIds: ['appi.joint-use'], params: {} },
    ]],
    ['oversight-not-applicable and the transfer basis: provision to a US party', {}, { relationship: 'provision', country: 'US' }, [
      { code: 'transfer-basis-missing', severity: 'critical', basis: 'statute', requirementIds: ['appi.foreign-basis'], params: { country: 'US' } },
      { code: 'oversight-not-applicable', severity: 'info', basis: 'recommended', variant: 'provision', requirementIds: ['appi.provision'], params: {} },
    ]],
  ] as const)('%s: the whole flag', (_label, supervision, vendorFacts, expected) => {
    expect(evaluate(supervision as unknown as Partial<SupervisionFacts>, vendorFacts as Partial<EvaluatedVendor>).flags).toEqual(expected);
  });

  it('flags only what an applicable requirement asks for: a catalogue without approval rows, and classification rows bound harder', () => {
    const rules = [...FLAG_RULES, ...supervisionRules(() => ({ ...compliantBase, subcontractors: [sub()] }), DEFAULT_SUPERVISION_SETTINGS)];
    const reviews = CLAUSE_TYPES.map((clauseType) => ({ contractId: 'c1', clauseType: clauseType.code, status: 'present' as const }));
    const run = (rows: Catalogue['requirements'], facts: Partial<EvaluatedVendor>) =>
      summary(evaluateVendor({ vendor: vendor(facts), profile, contracts: [contract], reviews, asOf: ASOF }, { ...catalogue, requirements: rows }, rules).flags);
    const withoutApproval = catalogue.requirements.filter((row) => !row.satisfiedBy.includes('duty:subcontractor-approval'));
    expect(run(withoutApproval, {})).toEqual([]);
    // Oversight-not-applicable is advisory whatever the row says, and only for joint use and provision.
    const harder = catalogue.requirements.map((row) => (row.satisfiedBy.includes('duty:classification') ? { ...row, applies: 'always', basis: 'statute' as const, severity: 'critical' as const } : row));
    expect(run(harder, { relationship: 'joint-use' })).toEqual(['oversight-not-applicable/info/statute']);
    expect(run(harder, { relationship: 'entrustment', subcontractorApproval: 'prior-approval', reentrustmentAllowed: true })).toEqual(['subcontractor-unapproved/warning/policy']);
  });

  it('a vendor with no record at all misses its selection and its audit', () => {
    expect(NO_SUPERVISION_RECORDS).toEqual({
      selections: [], externalEnvironmentReviews: [], transferReviews: [], completedAudits: [], openFindings: [], subcontractors: [], certificates: [], deletionCertificates: 0, incidents: [],
    });
    const rules = supervisionRules(() => NO_SUPERVISION_RECORDS, DEFAULT_SUPERVISION_SETTINGS);
    const evaluation = evaluateVendor({ vendor: vendor(), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue, rules);
    expect(summary(evaluation.flags)).toEqual(['selection-missing/critical/guideline', 'audit-overdue/critical/policy@2022-04-01']);
  });
});
