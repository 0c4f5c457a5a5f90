import { reachedIncidentThreshold, selectIncidentReminders } from './incident-reminders';

const HOUR = 3_600_000;
const TOKYO = 'Asia/Tokyo';
const due = new Date('2026-03-04T09:30:00.000Z'); // 18:30 in Tokyo
const outer = new Date('2026-03-06T09:30:00.000Z');
const at = (offsetHours: number, base = due) => new Date(base.getTime() + offsetHours * HOUR);

describe('the most urgent reminder threshold reached', () => {
  const iso = ({ threshold, deadline }: { threshold: string; deadline: Date }) => [threshold, deadline.toISOString()];
  it.each([
    ['more than 24 hours before the deadline', { dueAt: due, outerDueAt: null }, at(-24.001), ['created', due.toISOString()]],
    ['exactly 24 hours before', { dueAt: due, outerDueAt: null }, at(-24), ['due-24h', due.toISOString()]],
    ['at the deadline', { dueAt: due, outerDueAt: null }, at(0), ['due-24h', due.toISOString()]],
    ['a millisecond late', { dueAt: due, outerDueAt: null }, new Date(due.getTime() + 1), ['overdue', due.toISOString()]],
    ['a yardstick before its target', { dueAt: due, outerDueAt: outer }, at(-30), ['created', due.toISOString()]],
    ['a yardstick within 24 hours of its target', { dueAt: due, outerDueAt: outer }, at(-1), ['due-24h', due.toISOString()]],
    ['a yardstick past its target, more than 24 hours before its bound', { dueAt: due, outerDueAt: outer }, at(1), ['due-24h', due.toISOString()]],
    ['a yardstick 24 hours before its outer bound', { dueAt: due, outerDueAt: outer }, at(-24, outer), ['outer-24h', outer.toISOString()]],
    ['a yardstick at its outer bound', { dueAt: due, outerDueAt: outer }, outer, ['outer-24h', outer.toISOString()]],
    ['a yardstick past its outer bound', { dueAt: due, outerDueAt: outer }, new Date(outer.getTime() + 1), ['overdue', outer.toISOString()]],
  ] as Array<[string, { dueAt: Date; outerDueAt: Date | null }, Date, string[]]>)('%s', (_label, obligation, instant, expected) => {
    expect(iso(reachedIncidentThreshold(obligation, instant))).toEqual(expected);
  });
});

describe('incident reminders to the compliance team', () => {
  const facts = {
    incidents: [
      { id: 'i1', vendorId: 'v1', vendorName: '株式会社委託', title: '誤送信', open: [{ code: 'gdpr-authority' as const, dueAt: due, outerDueAt: null }] },
      { id: 'i2', vendorId: 'v2', vendorName: '紛失株式会社', title: '紛失', open: [{ code: 'appi-preliminary' as const, dueAt: due, outerDueAt: outer }, { code: 'appi-final' as const, dueAt: at(600), outerDueAt: null }] },
    ],
    compliance: ['Compliance@Example.test', 'compliance@example.test', 'second@example.test'],
  };

  it('one reminder per open obligation and compliance user, at the most urgent threshold reached', () => {
    expect(selectIncidentReminders(facts, at(-2), TOKYO)).toEqual([
      ...['compliance@example.test', 'second@example.test'].map((recipient) => ({
        rule: 'incident-report-due', subjectId: 'i1:gdpr-authority', vendorId: 'v1', threshold: 'due-24h', dueDate: '2026-03-04', recipient,
        params: { vendor: '株式会社委託', incident: '誤送信', incidentId: 'i1', obligation: 'gdpr-authority', dueAt: '2026-03-04 18:30' },
      })),
      ...['compliance@example.test', 'second@example.test'].map((recipient) => ({
        rule: 'incident-report-due', subjectId: 'i2:appi-preliminary', vendorId: 'v2', threshold: 'due-24h', dueDate: '2026-03-04', recipient,
        params: { vendor: '紛失株式会社', incident: '紛失', incidentId: 'i2', obligation: 'appi-preliminary', dueAt: '2026-03-04 18:30' },
      })),
      ...['compliance@example.test', 'second@example.test'].map((recipient) => ({
        rule: 'incident-obligation', subjectId: 'i2:appi-final', vendorId: 'v2', threshold: 'created', dueDate: '2026-03-29', recipient,
        params: { vendor: '紛失株式会社', incident: '紛失', incidentId: 'i2', obligation: 'appi-final', dueAt: '2026-03-29 18:30' },
      })),
    ]);
  });

  it('past the deadline: the overdue reminder, keyed by the last deadline', () => {
    const overdue = selectIncidentReminders({ ...facts, compliance: ['compliance@example.test'] }, at(1, outer), TOKYO);
    expect(overdue.map((reminder) => [reminder.rule, reminder.subjectId, reminder.threshold, reminder.dueDate, reminder.params.dueAt])).toEqual([
      ['incident-report-overdue', 'i1:gdpr-authority', 'overdue', '2026-03-04', '2026-03-04 18:30'],
      ['incident-report-overdue', 'i2:appi-preliminary', 'overdue', '2026-03-06', '2026-03-06 18:30'],
      ['incident-obligation', 'i2:appi-final', 'created', '2026-03-29', '2026-03-29 18:30'],
    ]);
  });

  it('the outer bound of a yardstick has a reminder of its own', () => {
    const reminders = selectIncidentReminders({ ...facts, compliance: ['compliance@example.test'] }, at(-2, outer), TOKYO);
    expect(reminders.map((reminder) => [reminder.rule, reminder.threshold, reminder.dueDate])).toEqual([
      ['incident-report-overdue', 'overdue', '2026-03-04'],
      ['incident-report-due', 'outer-24h', '2026-03-06'],
      ['incident-obligation', 'created', '2026-03-29'],
    ]);
  });

  it('nobody to tell: nothing', () => {
    expect(selectIncidentReminders({ ...facts, compliance: [] }, at(0), TOKYO)).toEqual([]);
    expect(selectIncidentReminders({ incidents: [], compliance: ['compliance@example.test'] }, at(0), TOKYO)).toEqual([]);
  });
});
