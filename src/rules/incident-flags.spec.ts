import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { EvaluatedVendor, evaluateVendor, RuleFlag } from './flags';
import { IncidentRecord, incidentRules, openObligations } from './incident-flags';
import { assessIncident, IncidentFacts, ObligationCode } from './incident-obligations';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const TOKYO = 'Asia/Tokyo';
const HOUR = 3_600_000;
const NOW = new Date('2026-03-04T07:30:00.000Z'); // 16:30 in Tokyo
const profile: OrganisationProfile = { ...DEFAULT_ORGANISATION_PROFILE, telecomCarrier: false };

const vendor = (overrides: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
  id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null,
  reentrustmentAllowed: false, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01',
    relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...overrides,
});

const incident = (overrides: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 'i1', title: '誤送信', status: 'open', settled: new Set<ObligationCode>(),
  awareAt: new Date(NOW.getTime() - 70 * HOUR),
  dataCategories: ['customer'], personsAffected: 3, personsAtLeast: false, sensitiveData: false, financialLossRisk: false, suspectedMalicious: false,
  highlyEncrypted: false, communicationsSecrecy: false, myNumberData: false, euUkDataSubjects: true, gdprHighRisk: false,
  ...overrides,
});

const flagsOf = (incidents: IncidentRecord[], at = NOW, vendorFacts: Partial<EvaluatedVendor> = {}): RuleFlag[] =>
  evaluateVendor(
    { vendor: vendor(vendorFacts), profile, contracts: [], clauseGaps: new Map(), asOf: '2026-03-04' },
    catalogue,
    incidentRules((vendorId) => (vendorId === 'v1' ? incidents : []), { at, timeZone: TOKYO }),
  ).flags;

describe('incident-report-due / incident-report-overdue', () => {
  it('GDPR Art. 33 with 2 hours left: a warning naming the obligation, its deadline and the hours left', () => {
    expect(flagsOf([incident()])).toEqual([{
      code: 'incident-report-due', basis: 'statute', severity: 'warning', variant: 'due-soon', requirementIds: [], dueDate: '2026-03-04', refType: 'incident', refId: 'i1',
      params: { title: '誤送信', obligation: 'gdpr-authority', authority: 'supervisory-authority', basis: ['gdpr-33-1'], dueAt: '2026-03-04 18:30', hours: 2 },
    }]);
  });

  it('3 hours later: critical, hours late, and the vendor is non-compliant', () => {
    const at = new Date(NOW.getTime() + 3 * HOUR);
    const flags = flagsOf([incident()], at);
    expect(flags).toEqual([{
      code: 'incident-report-overdue', basis: 'statute', severity: 'critical', variant: 'overdue', requirementIds: [], dueDate: '2026-03-04', refType: 'incident', refId: 'i1',
      params: { title: '誤送信', obligation: 'gdpr-authority', authority: 'supervisory-authority', basis: ['gdpr-33-1'], dueAt: '2026-03-04 18:30', hours: 1 },
    }]);
    const evaluation = evaluateVendor({ vendor: vendor(), profile, contracts: [], clauseGaps: new Map(), asOf: '2026-03-04' }, catalogue, incidentRules(() => [incident()], { at, timeZone: TOKYO }));
    expect(evaluation.status).toBe('non-compliant');
  });

  it('nothing while more than 24 hours are left, nothing once reported or closed as not required, nothing for a closed incident', () => {
    expect(flagsOf([incident({ awareAt: new Date(NOW.getTime() - 48 * HOUR) })])).toEqual([]);
    expect(flagsOf([incident({ settled: new Set(['gdpr-authority']) })])).toEqual([]);
    expect(flagsOf([incident({ status: 'closed' })])).toEqual([]);
    expect(flagsOf([incident({ status: 'contained' })]).map((flag) => flag.code)).toEqual(['incident-report-due']);
    expect(flagsOf([])).toEqual([]);
  });

  it('an incident the company learned of after the instant judged is not there yet', () => {
    expect(flagsOf([incident({ awareAt: new Date(NOW.getTime() + 1) })])).toEqual([]);
    expect(flagsOf([incident({ awareAt: NOW, gdprHighRisk: false })], new Date(NOW.getTime() + 71 * HOUR)).map((flag) => flag.code)).toEqual(['incident-report-due']);
  });

  it('a 速報 past its day-3 target warns until its day-5 bound, with the hours to that bound', () => {
    const awareAt = new Date(NOW.getTime() - 80 * HOUR);
    expect(flagsOf([incident({ awareAt, euUkDataSubjects: false, sensitiveData: true, settled: new Set(['appi-notice']) })])).toEqual([{
      code: 'incident-report-due', basis: 'statute', severity: 'warning', variant: 'past-target', requirementIds: [], dueDate: '2026-03-06', refType: 'incident', refId: 'i1',
      params: {
        title: '誤送信', obligation: 'appi-preliminary', authority: 'ppc', basis: ['appi-26-1', 'appi-rules-7', 'appi-rules-8-1', 'ppc-gl-3-5-3-3'],
        dueAt: '2026-03-06 08:30', hours: 40,
      },
    }]);
  });

  it('a 速報 before its day-3 target warns with that target, not the day-5 bound', () => {
    const awareAt = new Date(NOW.getTime() - 60 * HOUR);
    expect(flagsOf([incident({ awareAt, euUkDataSubjects: false, sensitiveData: true, settled: new Set(['appi-notice']) })]).map((flag) => [flag.variant, flag.dueDate, flag.params.dueAt, flag.params.hours])).toEqual([
      ['due-soon', '2026-03-05', '2026-03-05 04:30', 12],
    ]);
  });

  it('a carrier reports to its bureau: the authority names it', () => {
    const carrier = { ...profile, telecomCarrier: true, telecomBureau: 'tokai' as const };
    const flags = evaluateVendor(
      { vendor: vendor(), profile: carrier, contracts: [], clauseGaps: new Map(), asOf: '2026-03-04' },
      catalogue,
      incidentRules(() => [incident({ euUkDataSubjects: false, communicationsSecrecy: true, settled: new Set(['tba-detailed']) })], { at: NOW, timeZone: TOKYO }),
    ).flags;
    expect(flags.map((flag) => [flag.params.obligation, flag.params.authority, flag.params.hours])).toEqual([['tba-first', 'telecom-bureau:tokai', 2]]);
  });

  it('hours left are rounded up, hours late down', () => {
    const hoursAt = (offsetMs: number) => flagsOf([incident()], new Date(NOW.getTime() + offsetMs))[0]?.params.hours;
    expect(hoursAt(2 * HOUR - 1)).toBe(1); // 1 ms left
    expect(hoursAt(HOUR + 1)).toBe(1); // 59:59.999 left
    expect(hoursAt(HOUR)).toBe(1);
    expect(hoursAt(HOUR - 1)).toBe(2);
    expect(hoursAt(2 * HOUR + 1)).toBe(0); // 1 ms late
    expect(hoursAt(4 * HOUR + 1)).toBe(2);
  });

  it('one flag per open obligation, for every incident of the vendor', () => {
    const flags = flagsOf([incident({ gdprHighRisk: true }), incident({ id: 'i2', title: '紛失', awareAt: new Date(NOW.getTime() - 80 * HOUR) })]);
    expect(flags.map((flag) => [flag.refId, flag.code, flag.params.obligation])).toEqual([
      ['i1', 'incident-report-due', 'gdpr-authority'],
      ['i1', 'incident-report-due', 'gdpr-data-subjects'],
      ['i2', 'incident-report-overdue', 'gdpr-authority'],
    ]);
  });

  it('a terminated vendor still has to report', () => {
    expect(flagsOf([incident()], NOW, { status: 'terminated' }).map((flag) => flag.code)).toEqual(['incident-report-due']);
  });

  it('openObligations leaves out the settled ones', () => {
    const record = incident({ gdprHighRisk: true, settled: new Set(['gdpr-data-subjects']) });
    expect(openObligations(record, assessIncident(record as IncidentFacts, profile, TOKYO).obligations).map((obligation) => obligation.code)).toEqual(['gdpr-authority']);
  });
});
