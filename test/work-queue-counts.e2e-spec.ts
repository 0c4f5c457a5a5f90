import { ComplianceService } from '../src/compliance/compliance.service';
import { addDays, addMonths } from '../src/rules/calendar';
import { queueHorizon } from '../src/rules/work-queues';
import { WorkQueuesService } from '../src/work-queues/work-queues.service';
import { activeVendor, newAudit, newContract, newIncident, newVendor, today } from './support/factories';
import { EN_HEADER, registerRows, toCsvText, utf8 } from './support/register-files';
import { bearer, createTestApp, TestApp } from './support/test-app';

interface Summary { id: string; count: number }

/**
 * The unplanned audits and the renewals due are counted from counts per day (audit_due_counts kept by
 * the compliance engine, renewal_due_counts kept with legal's queue entries): after each kind of
 * change, and on a later day after the daily recompute, each count equals a COUNT over the base tables
 * (vendors, audits, contracts) and the total of the list it links to.
 */
describe('work queue counts kept per day', () => {
  let t: TestApp;
  let compliance: string;
  let legal: string;

  /** The counts as the dashboard and the API show them. */
  const counts = async () => {
    const items = ((await t.http.get('/api/v1/work-queues').set(...bearer(compliance)).expect(200)).body as { items: Summary[] }).items;
    const of = (id: string) => items.find((item) => item.id === id)!.count;
    return { audits: of('audits-due-unplanned'), renewals: of('contracts-renewal') };
  };
  /** The lists' totals, and every line read page by page. */
  const listed = async (id: string) => {
    const first = (await t.http.get(`/api/v1/work-queues/${id}?pageSize=100`).set(...bearer(compliance)).expect(200)).body as { total: number; items: unknown[] };
    return { total: first.total, lines: first.items.length };
  };
  /** The same counts straight from the base tables, in SQL of each engine. */
  const counted = async () => {
    const asOf = today(t);
    const horizon = queueHorizon(asOf);
    const sqlite = t.dataSource.options.type === 'better-sqlite3';
    const decision = sqlite ? "date(c.expiresOn, '-' || c.noticeDays || ' days')" : 'DATE_SUB(c.expiresOn, INTERVAL c.noticeDays DAY)';
    const [audits] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM vendors v WHERE v.status IN ('active', 'offboarding') AND v.nextAuditDue <= ?
        AND NOT EXISTS (SELECT 1 FROM audits a WHERE a.vendorId = v.id AND a.status IN ('planned', 'in-progress'))`,
      [horizon],
    );
    const [renewals] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM contracts c WHERE c.status = 'signed' AND c.effectiveFrom <= ? AND c.expiresOn >= ?
        AND (CASE WHEN c.noticeDays IS NULL THEN c.expiresOn ELSE ${decision} END) <= ?`,
      [asOf, asOf, horizon],
    );
    return { audits: Number(audits.n), renewals: Number(renewals.n) };
  };
  const expectExact = async (expected?: { audits: number; renewals: number }) => {
    const shown = await counts();
    expect(shown).toEqual(await counted());
    if (expected) expect(shown).toEqual(expected);
    const [audits, renewals] = [await listed('audits-due-unplanned'), await listed('contracts-renewal')];
    expect([audits.total, audits.lines, renewals.total, renewals.lines]).toEqual([shown.audits, shown.audits, shown.renewals, shown.renewals]);
  };
  const patch = (path: string, token: string, body: object) => t.http.patch(path).set(...bearer(token)).send(body);
  const versionOf = async (path: string) => ((await t.http.get(path).set(...bearer(compliance)).expect(200)).body as { version: number }).version;

  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    legal = await t.tokenFor('legal');
  }, 60_000);
  afterAll(() => t.close());

  it('equal the base tables after each change, and on a later day', async () => {
    const asOf = today(t);
    await expectExact({ audits: 0, renewals: 0 });

    // Created: medium-tier vendors (an audit every 24 months) due in 30 days, overdue, and due after the horizon.
    const dueSoon = await activeVendor(t, { name: '件数の委託先 一', dataCategories: ['customer'], activeSince: addDays(addMonths(asOf, -24), 30) });
    const overdue = await activeVendor(t, { name: '件数の委託先 二', dataCategories: ['customer'], activeSince: addMonths(asOf, -30) });
    const sameDay = await activeVendor(t, { name: '件数の委託先 三', dataCategories: ['customer'], activeSince: addDays(addMonths(asOf, -24), 30) });
    await activeVendor(t, { name: '件数の委託先 四', dataCategories: ['customer'], activeSince: addMonths(asOf, -6) });
    const candidate = await newVendor(t, { name: '件数の候補' });
    // Contracts: ending in 60 days; a notice deadline in 80 days; one starting in 10 days and ending in 40; one ending in 200 days.
    const ending = await newContract(t, dueSoon.id, { title: '期間満了', expiresOn: addDays(asOf, 60) });
    await newContract(t, dueSoon.id, { title: '通知期限', expiresOn: addDays(asOf, 110), noticeDays: 30 });
    const starting = await newContract(t, overdue.id, { title: 'これから', effectiveFrom: addDays(asOf, 10), expiresOn: addDays(asOf, 40) });
    const later = await newContract(t, overdue.id, { title: '先の契約', expiresOn: addDays(asOf, 200) });
    await expectExact({ audits: 3, renewals: 2 });
    // Two vendors due the same day share one row; the contracts that started long before their decision share theirs.
    const auditRows: Array<{ n: string | number }> = await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_due_counts WHERE vendors > 0');
    expect(Number(auditRows[0].n)).toBe(3);

    // An audit planned takes its vendor out; an incident brings another's audit forward (it stays counted, on an earlier day).
    const planned = await newAudit(t, sameDay.id, { scheduledFor: addDays(asOf, 20) });
    await newIncident(t, dueSoon.id, { title: '件数の事案' });
    await expectExact({ audits: 2, renewals: 2 });

    // Status changes: offboarding is still supervised, terminated is not; a contract terminated leaves the renewals.
    const offboarding = await patch(`/api/v1/vendors/${overdue.id}`, compliance, { status: 'offboarding', version: await versionOf(`/api/v1/vendors/${overdue.id}`) }).expect(200);
    await expectExact({ audits: 2, renewals: 2 });
    await patch(`/api/v1/vendors/${overdue.id}`, compliance, { status: 'terminated', version: offboarding.body.version }).expect(200);
    await patch(`/api/v1/contracts/${ending.id}`, legal, { status: 'terminated', version: await versionOf(`/api/v1/contracts/${ending.id}`) }).expect(200);
    await expectExact({ audits: 1, renewals: 1 });

    // The planned audit completed: its vendor's next audit is 24 months on.
    await patch(`/api/v1/audits/${planned.id}`, compliance, { status: 'completed', completedOn: asOf, result: 'satisfactory', version: planned.version }).expect(200);
    await expectExact({ audits: 1, renewals: 1 });

    // End dates changed: the contract ending in 200 days now ends in 50; the one starting soon now ends after the horizon.
    await patch(`/api/v1/contracts/${later.id}`, legal, { expiresOn: addDays(asOf, 50), version: await versionOf(`/api/v1/contracts/${later.id}`) }).expect(200);
    await patch(`/api/v1/contracts/${starting.id}`, legal, { expiresOn: addDays(asOf, 400), version: await versionOf(`/api/v1/contracts/${starting.id}`) }).expect(200);
    await expectExact({ audits: 1, renewals: 2 });

    // A candidate activated (low tier: an audit every 36 months, overdue), then another deleted.
    await patch(`/api/v1/vendors/${candidate.id}`, compliance, { status: 'active', activeSince: addMonths(asOf, -37), version: candidate.version }).expect(200);
    const dropped = await newVendor(t, { name: '件数の削除' });
    await t.http.delete(`/api/v1/vendors/${dropped.id}`).set(...bearer(compliance)).expect(204);
    await expectExact({ audits: 2, renewals: 2 });

    // An import of 20 vendors (16 active since 2020-04-01: overdue) and 10 contracts ending in 100 days with 90 days' notice;
    // then the same file again with vendors offboarding and five contracts ending after the horizon, and again with three of them terminated.
    const rows = registerRows(20, '件数の取込');
    for (const row of rows) if (row[12]) row[17] = addDays(asOf, 100);
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', utf8(toCsvText(EN_HEADER, rows)), 'register.csv').expect(200);
    await expectExact({ audits: 18, renewals: 12 });
    rows.forEach((row, index) => {
      if (row[10] === 'active' && index < 8) row[10] = 'offboarding';
      if (row[12] && index >= 10) row[17] = addDays(asOf, 400);
    });
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', utf8(toCsvText(EN_HEADER, rows)), 'register.csv').expect(200);
    await expectExact({ audits: 18, renewals: 7 });
    rows.forEach((row, index) => {
      if (row[10] === 'offboarding' && index < 4) row[10] = 'terminated';
    });
    await t.http.post('/api/v1/imports/vendors').set(...bearer(compliance)).attach('file', utf8(toCsvText(EN_HEADER, rows)), 'register.csv').expect(200);
    await expectExact({ audits: 15, renewals: 7 });

    // 45 days later, after the daily recompute: the horizon moved (the contract starting later has started, the other ended).
    t.clock.advance(45 * 86_400_000);
    await t.app.get(ComplianceService).recomputeAll();
    const moved = await counted();
    // (The API's tokens have expired by then: the service the API and the dashboard read.)
    const summary = await t.app.get(WorkQueuesService).summary({ email: 'compliance@example.test' });
    expect({ audits: summary.find((item) => item.id === 'audits-due-unplanned')?.count, renewals: summary.find((item) => item.id === 'contracts-renewal')?.count }).toEqual(moved);
    expect(moved.audits).toBeGreaterThan(0);
    expect(moved.renewals).toBeGreaterThan(0);
  }, 120_000);
});
