import {
  APPI_PERSONS_THRESHOLD, assessIncident, deadlineState, finalDeadline, hoursAfter, IncidentFacts, judgedAt, Obligation, OBLIGATION_CODES, REFERENCES,
  vendorNoticeDelay, wallClock, withinDays,
} from './incident-obligations';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';

const TOKYO = 'Asia/Tokyo';
/** 2026-03-01 18:30 in Tokyo. */
const AWARE = new Date('2026-03-01T09:30:00.000Z');
const carrier: OrganisationProfile = { ...DEFAULT_ORGANISATION_PROFILE, telecomCarrier: true, telecomBureau: 'kinki' };
const notCarrier: OrganisationProfile = { ...DEFAULT_ORGANISATION_PROFILE, telecomCarrier: false };

const ordinary = (overrides: Partial<IncidentFacts> = {}): IncidentFacts => ({
  awareAt: AWARE,
  dataCategories: ['customer'],
  personsAffected: 3,
  personsAtLeast: false,
  sensitiveData: false,
  financialLossRisk: false,
  suspectedMalicious: false,
  highlyEncrypted: false,
  communicationsSecrecy: false,
  myNumberData: false,
  euUkDataSubjects: false,
  gdprHighRisk: false,
  ...overrides,
});

const codes = (facts: IncidentFacts, profile = notCarrier) => assessIncident(facts, profile, TOKYO).obligations.map((obligation) => obligation.code);
const find = (facts: IncidentFacts, code: string, profile = notCarrier): Obligation => {
  const found = assessIncident(facts, profile, TOKYO).obligations.find((obligation) => obligation.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

describe('which obligations an incident puts on us (APPI Art. 26, PPC rules Art. 7–10, TBA Art. 28, 番号法 Art. 29-4, GDPR Art. 33/34)', () => {
  const APPI = ['appi-preliminary', 'appi-final', 'appi-notice'];
  const TBA = ['tba-first', 'tba-detailed'];
  const MY_NUMBER = ['mynumber-preliminary', 'mynumber-final', 'mynumber-notice'];
  it.each([
    ['3 ordinary customer records: nothing to report', {}, notCarrier, [], []],
    ['3 ordinary customer records at a carrier: nothing either', {}, carrier, [], []],
    ['Art. 7(1) alone: 要配慮 ticked, one person', { sensitiveData: true, personsAffected: 1 }, notCarrier, APPI, ['sensitive']],
    ['Art. 7(1) alone: the category sensitive', { dataCategories: ['sensitive'], personsAffected: 1 }, notCarrier, APPI, ['sensitive']],
    ['Art. 7(2) alone: financial loss ticked', { financialLossRisk: true }, notCarrier, APPI, ['financial']],
    ['Art. 7(2) alone: the category payment (card numbers)', { dataCategories: ['payment'] }, notCarrier, APPI, ['financial']],
    ['Art. 7(3) alone: suspected 不正の目的', { suspectedMalicious: true }, notCarrier, APPI, ['malicious']],
    ['Art. 7(4) alone: 1,001 persons', { personsAffected: 1001 }, notCarrier, APPI, ['over-1000']],
    ['Art. 7(4) alone: "at least 1,200"', { personsAffected: 1200, personsAtLeast: true }, notCarrier, APPI, ['over-1000']],
    ['exactly 1,000 persons is not "more than 1,000"', { personsAffected: 1000 }, notCarrier, [], []],
    ['every item at once', { sensitiveData: true, financialLossRisk: true, suspectedMalicious: true, personsAffected: 5000 }, notCarrier, APPI, ['sensitive', 'financial', 'malicious', 'over-1000']],
    ['高度な暗号化: no APPI report whichever item holds', { sensitiveData: true, financialLossRisk: true, suspectedMalicious: true, personsAffected: 5000, highlyEncrypted: true }, notCarrier, [], ['sensitive', 'financial', 'malicious', 'over-1000']],
    ['TBA Art. 28 with one person (no threshold)', { communicationsSecrecy: true, personsAffected: 1 }, carrier, TBA, []],
    ['TBA Art. 28 from the category communications', { dataCategories: ['communications'], personsAffected: 1 }, carrier, TBA, []],
    ['TBA Art. 28 has no encryption exemption', { communicationsSecrecy: true, highlyEncrypted: true }, carrier, TBA, []],
    ['not a carrier: no TBA report', { communicationsSecrecy: true }, notCarrier, [], []],
    ['a carrier, secrecy and 要配慮: both reports', { communicationsSecrecy: true, sensitiveData: true }, carrier, [...APPI, ...TBA], ['sensitive']],
    ['my number, 100 persons: no 番号法 report', { myNumberData: true, personsAffected: 100 }, notCarrier, [], []],
    ['my number, 101 persons: 番号法 report', { myNumberData: true, personsAffected: 101 }, notCarrier, MY_NUMBER, []],
    ['my number from the category, 101 persons', { dataCategories: ['my-number'], personsAffected: 101 }, notCarrier, MY_NUMBER, []],
    ['my number, one person, 不正の目的: both laws', { myNumberData: true, suspectedMalicious: true, personsAffected: 1 }, notCarrier, [...APPI, ...MY_NUMBER], ['malicious']],
    ['my number, 101 persons, encrypted: none', { myNumberData: true, personsAffected: 101, highlyEncrypted: true }, notCarrier, [], []],
    ['more than 100 persons without my number: no 番号法 report', { personsAffected: 101 }, notCarrier, [], []],
    ['EU/UK data subjects: the supervisory authority', { euUkDataSubjects: true }, notCarrier, ['gdpr-authority'], []],
    ['EU/UK and high risk: the data subjects too', { euUkDataSubjects: true, gdprHighRisk: true }, notCarrier, ['gdpr-authority', 'gdpr-data-subjects'], []],
    ['high risk without EU/UK data subjects: no GDPR duty', { gdprHighRisk: true }, notCarrier, [], []],
    ['GDPR has no encryption exemption of its own here', { euUkDataSubjects: true, highlyEncrypted: true }, notCarrier, ['gdpr-authority'], []],
  ] as Array<[string, Partial<IncidentFacts>, OrganisationProfile, string[], string[]]>)('%s', (_label, facts, profile, expected, triggers) => {
    const assessment = assessIncident(ordinary(facts), profile, TOKYO);
    expect(assessment.obligations.map((obligation) => obligation.code)).toEqual(expected);
    expect(assessment.appiTriggers).toEqual(triggers);
  });

  it('names the 番号法 items that hold', () => {
    expect(assessIncident(ordinary({ myNumberData: true, suspectedMalicious: true, personsAffected: 500 }), notCarrier, TOKYO).myNumberTriggers).toEqual(['malicious', 'over-100']);
    expect(assessIncident(ordinary({ suspectedMalicious: true, personsAffected: 500 }), notCarrier, TOKYO).myNumberTriggers).toEqual([]);
  });

  it.each([
    ['a trigger and encryption', { sensitiveData: true, highlyEncrypted: true }, true],
    ['a 番号法 trigger and encryption', { myNumberData: true, personsAffected: 101, highlyEncrypted: true }, true],
    ['encryption without a trigger', { highlyEncrypted: true }, false],
    ['a trigger without encryption', { sensitiveData: true }, false],
  ] as Array<[string, Partial<IncidentFacts>, boolean]>)('says when 高度な暗号化 is what exempts: %s', (_label, facts, exempt) => {
    expect(assessIncident(ordinary(facts), notCarrier, TOKYO).encryptionExempt).toBe(exempt);
  });

  it.each([
    ['unknown count, no other item', { personsAffected: null }, ['appi']],
    ['"at least 1,000"', { personsAffected: 1000, personsAtLeast: true }, ['appi']],
    ['"at least 1,001" already holds item 4', { personsAffected: 1001, personsAtLeast: true }, []],
    ['an exact count', { personsAffected: 1000 }, []],
    ['unknown count, but another item holds already', { personsAffected: null, sensitiveData: true }, []],
    ['unknown count, encrypted', { personsAffected: null, highlyEncrypted: true }, []],
    ['my number, unknown count', { personsAffected: null, myNumberData: true }, ['appi', 'mynumber']],
    ['my number, "at least 100" (could exceed 1,000 too)', { personsAffected: 100, personsAtLeast: true, myNumberData: true }, ['appi', 'mynumber']],
    ['my number, "at least 101": 番号法 holds, APPI item 4 still open', { personsAffected: 101, personsAtLeast: true, myNumberData: true }, ['appi']],
    ['my number, 不正の目的 already holds', { personsAffected: null, myNumberData: true, suspectedMalicious: true }, []],
    ['my number, unknown count, encrypted', { personsAffected: null, myNumberData: true, highlyEncrypted: true }, []],
  ] as Array<[string, Partial<IncidentFacts>, string[]]>)('flags a count that could still cross a threshold: %s', (_label, facts, expected) => {
    expect(assessIncident(ordinary(facts), notCarrier, TOKYO).countUncertain).toEqual(expected);
  });
});

describe('who receives each report', () => {
  it('a carrier reports 個人データ leaks to its 総合通信局, citing the route; anyone else to the PPC', () => {
    expect(find(ordinary({ sensitiveData: true }), 'appi-preliminary', carrier).authority).toEqual({ kind: 'telecom-bureau', bureau: 'kinki' });
    expect(find(ordinary({ sensitiveData: true }), 'appi-final', carrier).authority).toEqual({ kind: 'telecom-bureau', bureau: 'kinki' });
    expect(find(ordinary({ sensitiveData: true }), 'appi-preliminary', carrier).references).toContain('soumu-bureau-route');
    expect(find(ordinary({ sensitiveData: true }), 'appi-final', carrier).references).toContain('soumu-bureau-route');
    expect(find(ordinary({ sensitiveData: true }), 'appi-preliminary', notCarrier).authority).toEqual({ kind: 'ppc' });
    expect(find(ordinary({ sensitiveData: true }), 'appi-final', notCarrier).authority).toEqual({ kind: 'ppc' });
    expect(find(ordinary({ sensitiveData: true }), 'appi-preliminary', notCarrier).references).not.toContain('soumu-bureau-route');
    expect(find(ordinary({ sensitiveData: true }), 'appi-final', notCarrier).references).not.toContain('soumu-bureau-route');
  });

  it.each([
    ['appi-notice', { sensitiveData: true }, { kind: 'data-subjects' }],
    ['tba-first', { communicationsSecrecy: true }, { kind: 'telecom-bureau', bureau: 'kinki' }],
    ['tba-detailed', { communicationsSecrecy: true }, { kind: 'telecom-bureau', bureau: 'kinki' }],
    ['mynumber-preliminary', { myNumberData: true, personsAffected: 101 }, { kind: 'ppc' }],
    ['mynumber-final', { myNumberData: true, personsAffected: 101 }, { kind: 'ppc' }],
    ['mynumber-notice', { myNumberData: true, personsAffected: 101 }, { kind: 'data-subjects' }],
    ['gdpr-authority', { euUkDataSubjects: true }, { kind: 'supervisory-authority' }],
    ['gdpr-data-subjects', { euUkDataSubjects: true, gdprHighRisk: true }, { kind: 'data-subjects' }],
  ] as Array<[string, Partial<IncidentFacts>, object]>)('%s goes to %j', (code, facts, authority) => {
    expect(find(ordinary(facts), code, carrier).authority).toEqual(authority);
  });

  it('cites the sources of each obligation, each known to the verification table', () => {
    const all = assessIncident(ordinary({ sensitiveData: true, communicationsSecrecy: true, myNumberData: true, personsAffected: 101, euUkDataSubjects: true, gdprHighRisk: true }), carrier, TOKYO).obligations;
    expect(Object.fromEntries(all.map((obligation) => [obligation.code, obligation.references]))).toEqual({
      'appi-preliminary': ['appi-26-1', 'appi-rules-7', 'appi-rules-8-1', 'ppc-gl-3-5-3-3', 'soumu-bureau-route'],
      'appi-final': ['appi-26-1', 'appi-rules-8-2', 'ppc-gl-3-5-3-4', 'soumu-bureau-route'],
      'appi-notice': ['appi-26-2', 'appi-rules-10'],
      'tba-first': ['tba-28', 'soumu-secrecy-leak'],
      'tba-detailed': ['tba-28', 'soumu-secrecy-leak'],
      'mynumber-preliminary': ['mynumber-29-4-1', 'mynumber-rules-2', 'mynumber-over-100', 'mynumber-timing'],
      'mynumber-final': ['mynumber-29-4-1', 'mynumber-rules-2', 'mynumber-over-100', 'mynumber-timing'],
      'mynumber-notice': ['mynumber-29-4-2'],
      'gdpr-authority': ['gdpr-33-1'],
      'gdpr-data-subjects': ['gdpr-34-1'],
    });
    expect(find(ordinary({ myNumberData: true, suspectedMalicious: true }), 'mynumber-final').references).toEqual(['mynumber-29-4-1', 'mynumber-rules-2', 'mynumber-timing']);
    expect(find(ordinary({ myNumberData: true, suspectedMalicious: true }), 'mynumber-preliminary').references).toEqual(['mynumber-29-4-1', 'mynumber-rules-2', 'mynumber-timing']);
    expect(all.map((obligation) => obligation.framework)).toEqual(['appi', 'appi', 'appi', 'tba', 'tba', 'mynumber', 'mynumber', 'mynumber', 'gdpr', 'gdpr']);
    expect([...new Set(all.map((obligation) => obligation.code))]).toEqual([...OBLIGATION_CODES]);
  });

  it('labels what could not be verified in a primary text', () => {
    expect(REFERENCES).toEqual({
      'appi-26-1': 'verified', 'appi-26-2': 'verified', 'appi-rules-7': 'verified', 'appi-rules-8-1': 'verified', 'appi-rules-8-2': 'verified', 'appi-rules-10': 'verified',
      'ppc-gl-3-5-3-3': 'verified', 'ppc-gl-3-5-3-4': 'secondary', 'soumu-bureau-route': 'verified', 'tba-28': 'secondary', 'soumu-secrecy-leak': 'verified',
      'mynumber-29-4-1': 'verified', 'mynumber-rules-2': 'verified', 'mynumber-over-100': 'secondary', 'mynumber-timing': 'unverified', 'mynumber-29-4-2': 'secondary',
      'gdpr-33-1': 'verified', 'gdpr-34-1': 'verified',
    });
  });
});

describe('deadlines', () => {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  const deadline = (facts: Partial<IncidentFacts>, code: string, profile = notCarrier) => {
    const obligation = find(ordinary(facts), code, profile);
    return { timing: obligation.timing, dueAt: iso(obligation.dueAt), outerDueAt: iso(obligation.outerDueAt) };
  };
  it.each([
    // 速報: 3–5 days from the moment of awareness (通則GL 3-5-3-3): due at day 3, outer bound day 5.
    ['appi-preliminary', { sensitiveData: true }, { kind: 'yardstick', fromDays: 3, toDays: 5 }, '2026-03-04T09:30:00.000Z', '2026-03-06T09:30:00.000Z'],
    // 確報: 30 days, the day of awareness (Mar 1) as day 1 → the end of Mar 30 in Tokyo.
    ['appi-final', { sensitiveData: true }, { kind: 'days', days: 30 }, '2026-03-30T14:59:59.999Z', null],
    // 不正の目的 → 60 days → the end of Apr 29 in Tokyo.
    ['appi-final', { suspectedMalicious: true }, { kind: 'days', days: 60 }, '2026-04-29T14:59:59.999Z', null],
    ['appi-final', { suspectedMalicious: true, sensitiveData: true }, { kind: 'days', days: 60 }, '2026-04-29T14:59:59.999Z', null],
    ['appi-final', { personsAffected: 1001 }, { kind: 'days', days: 30 }, '2026-03-30T14:59:59.999Z', null],
    ['appi-notice', { sensitiveData: true }, { kind: 'prompt' }, '2026-03-04T09:30:00.000Z', null],
    ['mynumber-preliminary', { myNumberData: true, personsAffected: 101 }, { kind: 'yardstick', fromDays: 3, toDays: 5 }, '2026-03-04T09:30:00.000Z', '2026-03-06T09:30:00.000Z'],
    ['mynumber-final', { myNumberData: true, personsAffected: 101 }, { kind: 'days', days: 30 }, '2026-03-30T14:59:59.999Z', null],
    ['mynumber-final', { myNumberData: true, suspectedMalicious: true }, { kind: 'days', days: 60 }, '2026-04-29T14:59:59.999Z', null],
    ['mynumber-notice', { myNumberData: true, personsAffected: 101 }, { kind: 'prompt' }, '2026-03-04T09:30:00.000Z', null],
    ['gdpr-authority', { euUkDataSubjects: true }, { kind: 'hours', hours: 72 }, '2026-03-04T09:30:00.000Z', null],
    ['gdpr-data-subjects', { euUkDataSubjects: true, gdprHighRisk: true }, { kind: 'prompt' }, '2026-03-04T09:30:00.000Z', null],
  ] as Array<[string, Partial<IncidentFacts>, object, string, string | null]>)('%s (%j)', (code, facts, timing, dueAt, outerDueAt) => {
    expect(deadline(facts, code)).toEqual({ timing, dueAt, outerDueAt });
  });

  it.each([
    ['tba-first', { kind: 'prompt' }, '2026-03-04T09:30:00.000Z'],
    // 詳報: 30 days from the day of awareness.
    ['tba-detailed', { kind: 'days', days: 30 }, '2026-03-30T14:59:59.999Z'],
  ] as Array<[string, object, string]>)('TBA %s', (code, timing, dueAt) => {
    expect(deadline({ communicationsSecrecy: true }, code, carrier)).toEqual({ timing, dueAt, outerDueAt: null });
  });

  it('GDPR: 72 hours from 23:30 JST run across the date line, to the same minute three days later', () => {
    // 2026-03-01 23:30 in Tokyo is 14:30 UTC of the same day.
    const awareAt = new Date('2026-03-01T14:30:00.000Z');
    const obligation = find(ordinary({ awareAt, euUkDataSubjects: true }), 'gdpr-authority');
    expect(obligation.dueAt.toISOString()).toBe('2026-03-04T14:30:00.000Z');
    expect(wallClock(obligation.dueAt, TOKYO)).toBe('2026-03-04 23:30');
    expect(wallClock(obligation.dueAt, 'Europe/Brussels')).toBe('2026-03-04 15:30');
  });

  it('a 確報 period counts Tokyo days even when awareness falls late in the evening (UTC is still the day before)', () => {
    const awareAt = new Date('2026-03-31T14:30:00.000Z'); // 23:30 on Mar 31 in Tokyo
    expect(find(ordinary({ awareAt, sensitiveData: true }), 'appi-final').dueAt.toISOString()).toBe('2026-04-29T14:59:59.999Z');
    expect(withinDays(new Date('2026-03-31T15:30:00.000Z'), 30, TOKYO).toISOString()).toBe('2026-04-30T14:59:59.999Z'); // 00:30 on Apr 1
    expect(withinDays(AWARE, 1, TOKYO).toISOString()).toBe('2026-03-01T14:59:59.999Z');
    expect(withinDays(AWARE, 30, 'UTC').toISOString()).toBe('2026-03-30T23:59:59.999Z');
  });

  it('hoursAfter adds whole hours', () => {
    expect(hoursAfter(AWARE, 72).toISOString()).toBe('2026-03-04T09:30:00.000Z');
    expect(hoursAfter(AWARE, 0).toISOString()).toBe(AWARE.toISOString());
  });
  it('judges the deadlines of today now, those of another day at its end', () => {
    const now = new Date('2026-03-01T09:30:00.000Z'); // Mar 1 in Tokyo
    expect(judgedAt('2026-03-01', now, TOKYO)).toBe(now);
    expect(judgedAt('2026-02-27', now, TOKYO).toISOString()).toBe('2026-02-27T14:59:59.999Z');
    expect(judgedAt('2026-03-05', now, TOKYO).toISOString()).toBe('2026-03-05T14:59:59.999Z');
  });

  it('formats the wall clock of the time zone in 24 hours', () => {
    expect(wallClock(new Date('2026-03-01T15:05:00.000Z'), TOKYO)).toBe('2026-03-02 00:05');
    expect(wallClock(new Date('2026-03-01T03:05:00.000Z'), TOKYO)).toBe('2026-03-01 12:05');
  });
});

describe('where an open obligation stands', () => {
  const due = new Date('2026-03-04T09:30:00.000Z');
  const outer = new Date('2026-03-06T09:30:00.000Z');
  const at = (iso: string) => new Date(iso);
  it.each([
    ['more than 24 hours left', { dueAt: due, outerDueAt: null }, '2026-03-03T09:29:59.999Z', 'upcoming'],
    ['exactly 24 hours left is not "less than 24 hours"', { dueAt: due, outerDueAt: null }, '2026-03-03T09:30:00.000Z', 'upcoming'],
    ['a millisecond under 24 hours', { dueAt: due, outerDueAt: null }, '2026-03-03T09:30:00.001Z', 'due-soon'],
    ['at the deadline itself', { dueAt: due, outerDueAt: null }, '2026-03-04T09:30:00.000Z', 'due-soon'],
    ['a millisecond late', { dueAt: due, outerDueAt: null }, '2026-03-04T09:30:00.001Z', 'overdue'],
    ['a yardstick past its target', { dueAt: due, outerDueAt: outer }, '2026-03-04T09:30:00.001Z', 'past-target'],
    ['a yardstick at its outer bound', { dueAt: due, outerDueAt: outer }, '2026-03-06T09:30:00.000Z', 'past-target'],
    ['a yardstick past its outer bound', { dueAt: due, outerDueAt: outer }, '2026-03-06T09:30:00.001Z', 'overdue'],
    ['a yardstick before its target', { dueAt: due, outerDueAt: outer }, '2026-03-03T12:00:00.000Z', 'due-soon'],
  ] as Array<[string, Pick<Obligation, 'dueAt' | 'outerDueAt'>, string, string]>)('%s → %s', (_label, obligation, instant, expected) => {
    expect(deadlineState(obligation, at(instant))).toBe(expected);
  });

  it('finalDeadline is the outer bound when there is one', () => {
    expect(finalDeadline({ dueAt: due, outerDueAt: outer })).toBe(outer);
    expect(finalDeadline({ dueAt: due, outerDueAt: null })).toBe(due);
  });
});

describe("the vendor's notice to us against its contract's notice period", () => {
  const vendorAwareAt = new Date('2026-03-01T00:00:00.000Z');
  it.each([
    ['within 24 hours', '2026-03-01T23:59:00.000Z', 24, { agreedHours: 24, elapsedMinutes: 1439, late: false }],
    ['exactly 24 hours is in time', '2026-03-02T00:00:00.000Z', 24, { agreedHours: 24, elapsedMinutes: 1440, late: false }],
    ['a second over 24 hours is late', '2026-03-02T00:00:01.000Z', 24, { agreedHours: 24, elapsedMinutes: 1440, late: true }],
    ['three days against 72 hours', '2026-03-04T00:00:00.000Z', 72, { agreedHours: 72, elapsedMinutes: 4320, late: false }],
    ['no notice period stated', '2026-03-04T00:00:00.000Z', null, null],
  ] as Array<[string, string, number | null, object | null]>)('%s', (_label, notifiedAt, hours, expected) => {
    expect(vendorNoticeDelay({ vendorAwareAt, notifiedAt: new Date(notifiedAt) }, hours)).toEqual(expected);
  });

  it('needs both times', () => {
    expect(vendorNoticeDelay({ vendorAwareAt: null, notifiedAt: new Date() }, 24)).toBeNull();
    expect(vendorNoticeDelay({ vendorAwareAt, notifiedAt: null }, 24)).toBeNull();
  });

  it('uses the thresholds of the rules', () => {
    expect(APPI_PERSONS_THRESHOLD).toBe(1000);
  });
});
