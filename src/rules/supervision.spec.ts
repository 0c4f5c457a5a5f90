import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { addMonths } from './calendar';
import { CLAUSE_TYPES } from './clause-types';
import { ContractFacts } from './contracts';
import { EvaluatedVendor, evaluateVendor, FLAG_RULES, RuleFlag } from './flags';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';
import { DEFAULT_SUPERVISION_SETTINGS, nextAuditDue, NO_SUPERVISION_RECORDS, SupervisionFacts, supervisionRules } from './supervision';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ASOF = '2026-11-28';
/** A carrier holding the Privacy Mark and ISMS: every framework of the catalogue binds it. */
const profile = { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true, isms: true };

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

describe('supervision flags', () => {
  const vendor = (overrides: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
    id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null,
    reentrustmentAllowed: true, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01', ...overrides,
  });
  const contract: ContractFacts = { id: 'c1', title: '契約', status: 'signed', effectiveFrom: '2020-01-01', expiresOn: null, autoRenew: false };
  const compliantBase: SupervisionFacts = { ...NO_SUPERVISION_RECORDS, approvedSelections: ['2020-03-01'], completedAudits: ['2026-01-10'] };
  const evaluate = (input: Partial<SupervisionFacts> & Partial<Pick<EvaluatedVendor, 'riskTier' | 'activeSince'>>, vendorFacts: Partial<EvaluatedVendor> = {}, asOf = ASOF) => {
    const { riskTier, activeSince, ...supervision } = input;
    vendorFacts = { ...(riskTier ? { riskTier } : {}), ...(activeSince ? { activeSince } : {}), ...vendorFacts };
    const rules = [...FLAG_RULES, ...supervisionRules(() => ({ ...compliantBase, ...supervision }), DEFAULT_SUPERVISION_SETTINGS)];
    const reviews = CLAUSE_TYPES.map((clauseType) => ({ contractId: 'c1', clauseType: clauseType.code, status: 'present' as const }));
    return evaluateVendor({ vendor: vendor(vendorFacts), profile, contracts: [contract], reviews, asOf }, catalogue, rules);
  };
  const summary = (flags: RuleFlag[]) => flags.map((flag) => `${flag.code}/${flag.severity}${flag.dueDate ? `@${flag.dueDate}` : ''}`);

  it('is compliant with every record in place', () => {
    expect(evaluate({})).toMatchObject({ status: 'compliant', flags: [] });
  });

  it.each([
    ['no approved selection assessment', { approvedSelections: [] }, {}, ['selection-missing/critical']],
    ['a candidate needs no selection yet', { approvedSelections: [] }, { status: 'candidate' }, []],
    ['audit overdue by a day (medium: 24 months)', { completedAudits: ['2024-11-27'] }, {}, ['audit-overdue/critical@2026-11-27']],
    ['audit due today: due soon, not overdue', { completedAudits: ['2024-11-28'] }, {}, ['audit-due-soon/warning@2026-11-28']],
    ['audit due in exactly 30 days', { completedAudits: ['2024-12-28'] }, {}, ['audit-due-soon/warning@2026-12-28']],
    ['audit due in 31 days', { completedAudits: ['2024-12-29'] }, {}, []],
    ['never audited: activeSince + interval', { completedAudits: [], activeSince: '2024-06-01' }, {}, ['audit-overdue/critical@2026-06-01']],
    ['high tier shortens the interval', { riskTier: 'high', completedAudits: ['2025-11-01'] }, {}, ['audit-overdue/critical@2026-11-01']],
    ['open high finding past due', { openFindings: [{ id: 'f1', title: 'ログ未取得', severity: 'high', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/critical@2026-11-27']],
    ['open medium finding past due', { openFindings: [{ id: 'f1', title: 'x', severity: 'medium', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/warning@2026-11-27']],
    ['open low finding past due', { openFindings: [{ id: 'f1', title: 'x', severity: 'low', dueOn: '2026-11-27' }] }, {}, ['finding-overdue/warning@2026-11-27']],
    ['open finding due today', { openFindings: [{ id: 'f1', title: 'x', severity: 'high', dueOn: ASOF }] }, {}, []],
    ['pending subcontractor at depth 2', { subcontractors: [{ id: 's2', name: 'Sub 2', status: 'pending', depth: 2 }] }, {}, ['subcontractor-unapproved/critical']],
    ['objected subcontractor still listed', { subcontractors: [{ id: 's', name: 'S', status: 'objected', depth: 1 }] }, {}, ['subcontractor-unapproved/critical']],
    ['approved subcontractor', { subcontractors: [{ id: 's', name: 'S', status: 'approved', depth: 1 }] }, {}, []],
    ['withdrawn subcontractor', { subcontractors: [{ id: 's', name: 'S', status: 'withdrawn', depth: 1 }] }, { reentrustmentAllowed: false }, []],
    ['approved subcontractor though re-entrustment is not allowed', { subcontractors: [{ id: 's', name: 'S', status: 'approved', depth: 1 }] }, { reentrustmentAllowed: false }, ['subcontractor-unapproved/critical']],
    ['certificate expired yesterday', { certificates: [{ id: 'k', kind: 'privacy-mark', validUntil: '2026-11-27' }] }, {}, ['certificate-expired/warning@2026-11-27']],
    ['certificate valid until today', { certificates: [{ id: 'k', kind: 'iso27001', validUntil: ASOF }] }, {}, []],
    ['abroad, never reviewed', {}, { country: 'US' }, ['foreign-review-overdue/critical']],
    ['abroad, reviewed 12 months ago to the day', { foreignReviews: ['2025-11-28'] }, { country: 'US' }, []],
    ['abroad, reviewed 12 months and a day ago', { foreignReviews: ['2025-11-27'] }, { country: 'US' }, ['foreign-review-overdue/critical@2026-11-27']],
    ['terminated without a deletion certificate', {}, { status: 'terminated' }, ['deletion-certificate-missing/critical']],
    ['terminated with a deletion certificate', { deletionCertificates: 1 }, { status: 'terminated' }, []],
  ] as const)('%s', (_label, supervision, vendorFacts, expected) => {
    expect(summary(evaluate(supervision as Partial<SupervisionFacts>, vendorFacts as Partial<EvaluatedVendor>).flags)).toEqual(expected);
  });

  it('cites the requirements of each duty that apply to the vendor', () => {
    const [selection] = evaluate({ approvedSelections: [] }, { gdprApplies: true }).flags;
    expect(selection.requirementIds).toEqual(['appi.supervision', 'appi.selection', 'jis.selection-criteria', 'gdpr.guarantees', 'iso.5.19']);
    const [subcontractor] = evaluate({ subcontractors: [{ id: 's', name: 'S', status: 'pending', depth: 1 }] }).flags;
    expect(subcontractor.requirementIds).toEqual(['appi.reentrust-approval', 'appi.reentrust-oversight']);
    const [unapproved] = evaluate({ subcontractors: [{ id: 's', name: 'S', status: 'approved', depth: 1 }] }, { reentrustmentAllowed: false }).flags;
    expect(unapproved.requirementIds).toEqual(['jis.reentrust']);
  });

  const SELECTION = ['appi.supervision', 'appi.selection', 'jis.selection-criteria', 'iso.5.19'];
  const AUDIT = ['appi.supervision', 'appi.periodic-audit', 'tel.supervision', 'iso.5.22'];
  const APPROVAL = ['appi.reentrust-approval', 'appi.reentrust-oversight'];
  const FOREIGN = ['appi.foreign-followup', 'appi.external-environment'];
  it.each([
    ['selection-missing', { approvedSelections: [] }, {}, [{ code: 'selection-missing', severity: 'critical', requirementIds: SELECTION, params: {} }]],
    ['audit-overdue, counted from the latest audit', { completedAudits: ['2023-01-15', '2024-11-20', '2024-02-01'] }, {}, [
      { code: 'audit-overdue', severity: 'critical', requirementIds: AUDIT, dueDate: '2026-11-20', params: { months: 24, tier: 'medium', since: '2024-11-20' } },
    ]],
    ['audit-due-soon, counted from activation when never audited', { completedAudits: [], activeSince: '2024-12-10' }, {}, [
      { code: 'audit-due-soon', severity: 'warning', requirementIds: AUDIT, dueDate: '2026-12-10', params: { months: 24, tier: 'medium', since: '2024-12-10' } },
    ]],
    ['audit-overdue for an offboarding vendor (it still holds the data)', { completedAudits: ['2025-10-01'] }, { status: 'offboarding', riskTier: 'high' }, [
      { code: 'audit-overdue', severity: 'critical', requirementIds: AUDIT, dueDate: '2026-10-01', params: { months: 12, tier: 'high', since: '2025-10-01' } },
    ]],
    ['no audit due without an audit or an activation date', { completedAudits: [] }, { activeSince: null }, []],
    ['no audit flag for a candidate, however old its audit', { completedAudits: ['2019-01-01'], approvedSelections: [] }, { status: 'candidate' }, []],
    ['no audit flag for a terminated vendor', { completedAudits: ['2019-01-01'], deletionCertificates: 1 }, { status: 'terminated' }, []],
    ['finding-overdue: only the finding past due, critical when high', {
      openFindings: [{ id: 'f1', title: 'ログ未取得', severity: 'high', dueOn: '2026-11-27' }, { id: 'f2', title: '教育記録', severity: 'low', dueOn: '2026-12-01' }],
    }, {}, [
      { code: 'finding-overdue', severity: 'critical', requirementIds: AUDIT, dueDate: '2026-11-27', refType: 'finding', refId: 'f1', params: { title: 'ログ未取得', severity: 'high' } },
    ]],
    ['subcontractor-unapproved: pending, at its depth', { subcontractors: [{ id: 's1', name: '再委託先A', status: 'pending', depth: 2 }] }, {}, [
      { code: 'subcontractor-unapproved', severity: 'critical', variant: 'pending', requirementIds: APPROVAL, refType: 'subcontractor', refId: 's1', params: { name: '再委託先A', depth: 2 } },
    ]],
    ['subcontractor-unapproved: any subcontractor when re-entrustment is not allowed', { subcontractors: [{ id: 's1', name: 'A', status: 'approved', depth: 1 }] }, { reentrustmentAllowed: false }, [
      { code: 'subcontractor-unapproved', severity: 'critical', variant: 'not-allowed', requirementIds: ['jis.reentrust'], refType: 'subcontractor', refId: 's1', params: { name: 'A', depth: 1 } },
    ]],
    ['certificate-expired', { certificates: [{ id: 'k1', kind: 'privacy-mark', validUntil: '2026-11-27' }, { id: 'k2', kind: 'soc2', validUntil: '2027-01-01' }] }, {}, [
      { code: 'certificate-expired', severity: 'warning', requirementIds: [], dueDate: '2026-11-27', refType: 'certificate', refId: 'k1', params: { kind: 'privacy-mark' } },
    ]],
    ['foreign-review-overdue: never reviewed', {}, { country: 'US' }, [
      { code: 'foreign-review-overdue', severity: 'critical', variant: 'never', requirementIds: FOREIGN, params: { last: '' } },
    ]],
    ['foreign-review-overdue: the latest review is more than 12 months old', { foreignReviews: ['2025-11-27', '2024-12-01'] }, { country: 'US' }, [
      { code: 'foreign-review-overdue', severity: 'critical', variant: 'overdue', requirementIds: FOREIGN, dueDate: '2026-11-27', params: { last: '2025-11-27' } },
    ]],
    ['no foreign review for a terminated vendor abroad', { deletionCertificates: 1 }, { country: 'US', status: 'terminated' }, []],
    ['deletion-certificate-missing', {}, { status: 'terminated' }, [{ code: 'deletion-certificate-missing', severity: 'critical', requirementIds: ['appi.end-of-contract'], params: {} }]],
  ] as const)('%s: the whole flag', (_label, supervision, vendorFacts, expected) => {
    expect(evaluate(supervision as unknown as Partial<SupervisionFacts>, vendorFacts as Partial<EvaluatedVendor>).flags).toEqual(expected);
  });

  it('a vendor with no record at all misses its selection and its audit', () => {
    expect(NO_SUPERVISION_RECORDS).toEqual({ approvedSelections: [], foreignReviews: [], completedAudits: [], openFindings: [], subcontractors: [], certificates: [], deletionCertificates: 0, incidents: [] });
    const rules = supervisionRules(() => NO_SUPERVISION_RECORDS, DEFAULT_SUPERVISION_SETTINGS);
    const evaluation = evaluateVendor({ vendor: vendor(), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue, rules);
    expect(summary(evaluation.flags)).toEqual(['selection-missing/critical', 'audit-overdue/critical@2022-04-01']);
  });
});
