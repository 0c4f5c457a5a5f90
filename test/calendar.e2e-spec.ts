import ICAL from 'ical.js';
import { addDays } from '../src/rules/calendar';
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
    const vendor = await activeVendor(t, { name: '株式会社カレンダー', activeSince: '2026-01-15', dataCategories: ['customer'] });
    await newContract(t, vendor.id, { title: '基本契約', expiresOn: '2027-03-31', noticeDays: 90 });
    const audit = await newAudit(t, vendor.id, { kind: 'on-site', scheduledFor: '2027-01-20' });
    await newFinding(t, audit.id, { title: '入退室記録', severity: 'medium', dueOn: '2027-02-15' });
    await newCertificate(t, vendor.id, { kind: 'iso27001', validUntil: '2027-09-30' });

    const issued = await t.http.post('/api/v1/calendar/feed').set(...bearer(compliance)).expect(201);
    expect(issued.body.url).toMatch(/^http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await t.http.get(path(issued.body.url)).expect(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const events = eventsOf(feed.text).filter((event) => event.summary.includes('株式会社カレンダー'));
    expect(events.map(({ date, summary }) => [date, summary])).toEqual([
      ['2026-12-31', 'Notice deadline: 株式会社カレンダー “基本契約”'],
      ['2027-01-20', 'Audit planned: 株式会社カレンダー'],
      ['2027-02-15', 'Finding due: 株式会社カレンダー “入退室記録”'],
      ['2027-03-31', 'Contract ends: 株式会社カレンダー “基本契約”'],
      ['2027-09-30', 'Certificate expires: 株式会社カレンダー ISO/IEC 27001 (ISMS)'],
      ['2028-01-15', 'Audit due: 株式会社カレンダー'],
    ]);
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);

    // In Japanese for a Japanese-speaking user.
    const admin = await t.tokenFor('admin');
    const japanese = eventsOf((await t.http.get(path((await t.http.post('/api/v1/calendar/feed').set(...bearer(admin)).expect(201)).body.url)).expect(200)).text);
    expect(japanese.map((event) => event.summary)).toContain('監査予定: 株式会社カレンダー');
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
