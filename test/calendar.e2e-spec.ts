import ICAL from 'ical.js';
import { EntitySubscriberInterface } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { ComplianceService } from '../src/compliance/compliance.service';
import { addDays, addMonths } from '../src/rules/calendar';
import { activeVendor, newAudit, newCertificate, newContract, newFinding, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/** Parses a feed with ical.js (Mozilla's parser, independent of the generator) into date → summaries. */
function eventsOf(text: string): Array<{ uid: string; date: string; summary: string }> {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents('vevent')
    .map((component) => new ICAL.Event(component))
    .map((event) => ({ uid: event.uid, date: event.startDate.toString(), summary: event.summary, allDay: event.startDate.isDate }))
    .map(({ allDay, ...event }) => {
      expect(allDay).toBe(true);
      return event;
    });
}

describe('calendar feed (ICS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const path = (url: string) => new URL(url).pathname;

  it('holds planned audits, audit due dates, contract ends and notice deadlines, finding due dates and certificate ends', async () => {
    const compliance = await t.tokenFor('compliance');
    const day = (days: number) => addDays(today(t), days);
    const vendor = await activeVendor(t, { name: '株式会社カレンダー', activeSince: addMonths(today(t), -11), dataCategories: ['customer'] });
    await newContract(t, vendor.id, { title: '基本契約', expiresOn: day(120), noticeDays: 90 });
    const audit = await newAudit(t, vendor.id, { kind: 'on-site', scheduledFor: day(50) });
    await newFinding(t, audit.id, { title: '入退室記録', severity: 'medium', dueOn: day(75) });
    await newCertificate(t, vendor.id, { kind: 'iso27001', validUntil: day(300) });
    // The due date the vendor page and the annual plan show (the engine's stored one).
    const due = (await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance)).expect(200)).body.nextAuditDue as string;
    expect(due > day(0)).toBe(true);

    const issued = await t.http.post('/api/v1/calendar/feed').set(...bearer(compliance)).expect(201);
    expect(issued.body.url).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await t.http.get(path(issued.body.url)).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = eventsOf(feed.text).filter((event) => event.summary.includes('株式会社カレンダー'));
    expect(events.map(({ date, summary }) => [date, summary])).toEqual(
      [
        [day(30), 'Notice deadline: 株式会社カレンダー “基本契約”'],
        [day(50), 'Audit planned: 株式会社カレンダー'],
        [day(75), 'Finding due: 株式会社カレンダー “入退室記録”'],
        [day(120), 'Contract ends: 株式会社カレンダー “基本契約”'],
        [day(300), 'Certificate expires: 株式会社カレンダー ISO/IEC 27001 (ISMS)'],
        [due, 'Audit due: 株式会社カレンダー'],
      ].sort(([a], [b]) => a.localeCompare(b)),
    );
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);

    // In Japanese for a Japanese-speaking user.
    const admin = await t.tokenFor('admin');
    const japanese = eventsOf((await t.http.get(path((await t.http.post('/api/v1/calendar/feed').set(...bearer(admin)).expect(201)).body.url)).expect(200)).text);
    expect(japanese.map((event) => event.summary)).toContain('監査予定: 株式会社カレンダー');
  });

  it('holds the last 30 days and the next 24 months, and nothing of a terminated vendor', async () => {
    const viewer = await t.tokenFor('viewer');
    const vendor = await activeVendor(t, { name: '株式会社期間' });
    const ends = [addDays(today(t), -31), addDays(today(t), -30), addMonths(today(t), 24), addDays(addMonths(today(t), 24), 1)];
    for (const [index, expiresOn] of ends.entries()) await newContract(t, vendor.id, { title: `契約${index}`, expiresOn });
    const feedOf = async () => eventsOf((await t.http.get(path((await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url)).expect(200)).text)
      .filter((event) => event.summary.startsWith('Contract ends: 株式会社期間'))
      .map(({ date, summary }) => `${date} ${summary}`);
    expect(await feedOf()).toEqual([`${ends[1]} Contract ends: 株式会社期間 “契約1”`, `${ends[2]} Contract ends: 株式会社期間 “契約2”`]);

    const ended = await activeVendor(t, { name: '株式会社終了済' });
    await newContract(t, ended.id, { title: '終了した契約', expiresOn: addDays(today(t), 10) });
    await t.dataSource.query("UPDATE vendors SET status = 'terminated' WHERE id = ?", [ended.id]);
    const url = (await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url;
    expect(eventsOf((await t.http.get(path(url)).expect(200)).text).filter((event) => event.summary.includes('株式会社終了済'))).toEqual([]);
  });

  it('puts the notice deadline of a 0-day notice period on the expiry day, as the contract and its flag say; none without a notice period', async () => {
    const viewer = await t.tokenFor('viewer');
    const vendor = await activeVendor(t, { name: '株式会社通知期限' });
    const ends = addDays(today(t), 40);
    const zero = await newContract(t, vendor.id, { title: '当日まで通知可', expiresOn: ends, noticeDays: 0 });
    const none = await newContract(t, vendor.id, { title: '通知期間なし', expiresOn: ends });
    expect([zero.noticeDeadline, none.noticeDeadline]).toEqual([ends, null]);
    const flags = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body.flags
      .filter((flag: { code: string }) => flag.code === 'contract-expiring')
      .map((flag: { refId: string; message: string }) => [flag.refId, flag.message.includes(`notice must be given by ${ends}`)]);
    expect(Object.fromEntries(flags)).toEqual({ [zero.id]: true, [none.id]: false });
    const url = (await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url;
    const events = eventsOf((await t.http.get(path(url)).expect(200)).text).filter((event) => event.summary.includes('株式会社通知期限') && !event.summary.startsWith('Audit due'));
    expect(events.map(({ date, summary }) => `${date} ${summary}`).sort()).toEqual([
      `${ends} Contract ends: 株式会社通知期限 “当日まで通知可”`,
      `${ends} Contract ends: 株式会社通知期限 “通知期間なし”`,
      `${ends} Notice deadline: 株式会社通知期限 “当日まで通知可”`,
    ]);
  });

  it('stops a replaced or revoked URL, and needs no header but the secret', async () => {
    const viewer = await t.tokenFor('viewer');
    const first = (await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url;
    await t.http.get(path(first)).expect(200);
    const second = (await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url;
    await t.http.get(path(first)).expect(404);
    await t.http.get(path(second)).expect(200);
    await t.http.delete('/api/v1/calendar/feed').set(...bearer(viewer)).expect(204);
    await t.http.get(path(second)).expect(404);
    await t.http.get('/calendar/not-a-token.ics').expect(404);
    await t.http.get('/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics').expect(404);
    await t.http.post('/api/v1/calendar/feed').expect(401);
  });

  it('stops the feed of a disabled user', async () => {
    const admin = await t.tokenFor('admin');
    const user = (await t.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'leaver@example.test', name: 'Leaver', role: 'viewer', password: 'a long enough password 1' }).expect(201)).body;
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'leaver@example.test', password: 'a long enough password 1' }).expect(200);
    const url = (await t.http.post('/api/v1/calendar/feed').set(...bearer(login.body.token)).expect(201)).body.url;
    await t.http.get(path(url)).expect(200);
    await t.http.patch(`/api/v1/users/${user.id}`).set(...bearer(admin)).send({ version: 1, active: false }).expect(200);
    await t.http.get(path(url)).expect(404);
  });
});

describe('calendar feed of a large register', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedRegister(t.dataSource, 2_000, { records: true, today: today(t) });
    await t.app.get(ComplianceService).recomputeAll();
  }, 120_000);
  afterAll(() => t.close());

  it('holds the first 1,000 of each kind, the earliest, read through indexes in date order', async () => {
    const viewer = await t.tokenFor('viewer');
    const url = new URL((await t.http.post('/api/v1/calendar/feed').set(...bearer(viewer)).expect(201)).body.url).pathname;
    const sent: Array<{ query: string; parameters: unknown[] }> = [];
    const recorder: EntitySubscriberInterface = { beforeQuery: (event: { query: string; parameters?: unknown[] }) => void sent.push({ query: event.query, parameters: event.parameters ?? [] }) };
    t.dataSource.subscribers.push(recorder);
    let feed;
    try {
      feed = await t.http.get(url).expect(200);
    } finally {
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    }
    const dues = eventsOf(feed.text).filter((event) => event.summary.startsWith('Audit due: '));
    const from = addDays(today(t), -30);
    const to = addMonths(today(t), 24);
    const inWindow: Array<{ d: string }> = await t.dataSource.query("SELECT nextAuditDue AS d FROM vendors WHERE status IN ('active', 'offboarding') AND nextAuditDue BETWEEN ? AND ? ORDER BY nextAuditDue", [from, to]);
    // The register has more due in the window than a feed holds: it holds the earliest 1,000.
    expect(inWindow.length).toBeGreaterThan(1_000);
    expect(dues).toHaveLength(1_000);
    expect(dues.map((event) => event.date).sort()).toEqual(inWindow.slice(0, 1_000).map((row) => String(row.d).slice(0, 10)));
    // On SQLite (plans from the schema alone): no query scans a table or sorts in a temporary b-tree.
    if (t.dataSource.options.type === 'better-sqlite3') {
      const lines: string[] = [];
      for (const { query, parameters } of sent.filter(({ query }) => /^\s*SELECT/i.test(query))) {
        const plan: Array<{ detail: string }> = await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
        lines.push(...plan.map((line) => line.detail).filter((detail) => /^SCAN (?!vendor$)|USE TEMP B-TREE/.test(detail)).map((detail) => `${detail} :: ${query.slice(0, 160)}`));
      }
      expect(lines).toEqual([]);
    }
  }, 60_000);
});
