import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { EvaluatedVendor, evaluateVendor } from './flags';
import { DEFAULT_INCIDENT_AUDIT_DAYS, earlierDue, incidentAuditDue, incidentAuditRule } from './incident-audit';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';
import { DEFAULT_SUPERVISION_SETTINGS, nextAuditDue, NO_SUPERVISION_RECORDS, SupervisionFacts } from './supervision';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };

describe('the audit an incident calls for (company policy)', () => {
  it.each([
    ['no incident', [], [], null],
    ['an incident, no audit: 30 days after the day of awareness', ['2026-03-01'], [], '2026-03-31'],
    ['an audit before the incident does not answer it', ['2026-03-01'], ['2026-02-28'], '2026-03-31'],
    ['an audit on the day of awareness answers it', ['2026-03-01'], ['2026-03-01'], null],
    ['an audit after it answers it', ['2026-03-01'], ['2026-03-20'], null],
    ['the earliest unanswered incident counts', ['2026-05-10', '2026-04-02', '2026-04-20'], [], '2026-05-02'],
    ['an audit between two incidents answers the first only', ['2026-01-10', '2026-03-01'], ['2026-02-01'], '2026-03-31'],
    ['the latest audit counts, whatever the order', ['2026-01-10', '2026-03-01'], ['2026-03-05', '2026-02-01'], null],
  ] as Array<[string, string[], string[], string | null]>)('%s', (_label, incidents, audits, expected) => {
    expect(incidentAuditDue(incidents, audits, 30)).toBe(expected);
  });

  it('follows the configured number of days', () => {
    expect(incidentAuditDue(['2026-03-01'], [], 7)).toBe('2026-03-08');
    expect(DEFAULT_INCIDENT_AUDIT_DAYS).toBe(30);
    expect(DEFAULT_SUPERVISION_SETTINGS.incidentAuditDays).toBe(30);
  });

  it.each([
    [null, null, null],
    ['2026-01-01', null, '2026-01-01'],
    [null, '2026-01-01', '2026-01-01'],
    ['2026-01-02', '2026-01-01', '2026-01-01'],
    ['2026-01-01', '2026-01-02', '2026-01-01'],
    ['2026-01-01', '2026-01-01', '2026-01-01'],
  ] as Array<[string | null, string | null, string | null]>)('earlierDue(%s, %s) = %s', (a, b, expected) => {
    expect(earlierDue(a, b)).toBe(expected);
  });

  it('makes the next audit due sooner than the interval', () => {
    const vendor = { riskTier: 'low' as const, activeSince: '2025-01-01' };
    expect(nextAuditDue(vendor, [], DEFAULT_SUPERVISION_SETTINGS)).toBe('2028-01-01');
    expect(nextAuditDue(vendor, [], DEFAULT_SUPERVISION_SETTINGS, ['2026-03-01'])).toBe('2026-03-31');
    expect(nextAuditDue(vendor, ['2026-03-10'], DEFAULT_SUPERVISION_SETTINGS, ['2026-03-01'])).toBe('2029-03-10');
    expect(nextAuditDue({ riskTier: 'high', activeSince: '2025-04-01' }, [], DEFAULT_SUPERVISION_SETTINGS, ['2026-03-20'])).toBe('2026-04-01');
    expect(nextAuditDue({ riskTier: 'low', activeSince: null }, [], DEFAULT_SUPERVISION_SETTINGS, ['2026-03-20'])).toBe('2026-04-19');
  });
});

describe('incident-audit-due / incident-audit-overdue', () => {
  const vendor = (overrides: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
    id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null,
    reentrustmentAllowed: false, gdprApplies: false, riskTier: 'low', activeSince: '2025-04-01',
    relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...overrides,
  });
  const flags = (records: Partial<SupervisionFacts>, asOf: string, vendorFacts: Partial<EvaluatedVendor> = {}, days = 30) =>
    evaluateVendor(
      { vendor: vendor(vendorFacts), profile: DEFAULT_ORGANISATION_PROFILE, contracts: [], clauseGaps: new Map(), asOf },
      catalogue,
      [incidentAuditRule(() => ({ ...NO_SUPERVISION_RECORDS, ...records }), { ...DEFAULT_SUPERVISION_SETTINGS, incidentAuditDays: days })],
    ).flags.map(({ code, basis, severity, dueDate, params, requirementIds }) => ({ code, basis, severity, dueDate, params, cites: requirementIds.length > 0 }));

  it.each([
    ['on the day of awareness: due in 30 days (warning)', { incidents: ['2026-03-01'] }, '2026-03-01', [{ code: 'incident-audit-due', basis: 'policy', severity: 'warning', dueDate: '2026-03-31', params: { since: '2026-03-01', days: 30 }, cites: true }]],
    ['on the due day: still a warning', { incidents: ['2026-03-01'] }, '2026-03-31', [{ code: 'incident-audit-due', basis: 'policy', severity: 'warning', dueDate: '2026-03-31', params: { since: '2026-03-01', days: 30 }, cites: true }]],
    ['the day after: critical', { incidents: ['2026-03-01'] }, '2026-04-01', [{ code: 'incident-audit-overdue', basis: 'policy', severity: 'critical', dueDate: '2026-03-31', params: { since: '2026-03-01', days: 30 }, cites: true }]],
    ['answered by an audit', { incidents: ['2026-03-01'], completedAudits: ['2026-03-15'] }, '2026-04-01', []],
    ['an incident after asOf is not there yet', { incidents: ['2026-03-01'] }, '2026-02-28', []],
    ['no incident', {}, '2026-03-01', []],
  ] as Array<[string, Partial<SupervisionFacts>, string, object[]]>)('%s', (_label, records, asOf, expected) => {
    expect(flags(records, asOf)).toEqual(expected);
  });

  it('an incident after asOf is not there yet, however close its audit would be', () => {
    expect(flags({ incidents: ['2026-03-01'] }, '2026-02-28', {}, 5)).toEqual([]);
    expect(flags({ incidents: ['2026-03-01'] }, '2026-03-01', {}, 5).map((flag) => flag.code)).toEqual(['incident-audit-due']);
  });

  it('warns only within 30 days of a longer period', () => {
    expect(flags({ incidents: ['2026-03-01'] }, '2026-03-01', {}, 60)).toEqual([]);
    expect(flags({ incidents: ['2026-03-01'] }, '2026-03-31', {}, 60).map((flag) => flag.code)).toEqual(['incident-audit-due']);
    expect(flags({ incidents: ['2026-03-01'] }, '2026-03-30', {}, 60)).toEqual([]);
  });

  it.each([['candidate'], ['terminated']] as Array<[EvaluatedVendor['status']]>)('a %s vendor is not audited', (status) => {
    expect(flags({ incidents: ['2026-03-01'] }, '2026-04-01', { status })).toEqual([]);
  });

  it('an offboarding vendor still is', () => {
    expect(flags({ incidents: ['2026-03-01'] }, '2026-04-01', { status: 'offboarding' }).map((flag) => flag.code)).toEqual(['incident-audit-overdue']);
  });
});
