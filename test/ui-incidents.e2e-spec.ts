import { wallClock } from '../src/rules/incident-obligations';
import { activeVendor, newIncident } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

const HOUR = 3_600_000;

/** A Japanese page's wall clock: 2026年12月1日 00:42 (the zero-padded sv-SE parts, month and day without padding). */
function jaWallClock(instant: Date, timeZone: string): string {
  const [date, time] = wallClock(instant, timeZone).split(' ');
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日 ${time}`;
}

/** The text of an element with the test id (tags removed, spaces collapsed). */
function textOf(html: string, testId: string): string {
  const match = new RegExp(`<(\\w+)[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!match) throw new Error(`no ${testId} on the page`);
  return match[2].replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

describe('admin UI: the incident register (漏えい等)', () => {
  let t: TestApp;
  let compliance: PageSession;
  let viewer: PageSession;
  let admin: PageSession;
  const local = (instant: Date) => wallClock(instant, t.config.orgTimezone).replace(' ', 'T');
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await signIn(t, 'compliance');
    viewer = await signIn(t, 'viewer');
    admin = await signIn(t, 'admin');
  });
  afterAll(() => t.close());

  it('records an incident from the vendor page, keeps bad input inline, and shows the countdown of each obligation', async () => {
    const vendor = await activeVendor(t, { name: '画面の委託先株式会社' });
    const page = await compliance.get(`/vendors/${vendor.id}`).expect(200);
    expect(page.text).toContain(`href="/vendors/${vendor.id}/incidents/new"`);
    expect((await viewer.get(`/vendors/${vendor.id}`).expect(200)).text).not.toContain('data-testid="new-incident"');
    const form = await compliance.get(`/vendors/${vendor.id}/incidents/new`).expect(200);
    expect(['title', 'kind', 'description', 'contractId', 'subcontractorId', 'occurredAt', 'vendorAwareAt', 'notifiedAt', 'awareAt', 'dataCategories', 'personsAffected', 'euUkDataSubjects', 'highlyEncrypted'].filter((field) => !form.text.includes(`name="${field}"`))).toEqual([]);

    const future = local(new Date(t.clock.now().getTime() + 3 * HOUR));
    const invalid = await compliance.post(`/vendors/${vendor.id}/incidents`, { title: '', kind: 'leak', awareAt: future, description: '経緯の説明' }).expect(400);
    expect(invalid.text).toMatch(/id="title"[^>]*aria-invalid="true"/);
    expect(invalid.text).toContain('経緯の説明');
    const inFuture = await compliance.post(`/vendors/${vendor.id}/incidents`, { title: '未来', kind: 'leak', awareAt: future }).expect(400);
    expect(inFuture.text).toContain('<span class="field-error" id="awareAt-error">cannot be in the future</span>');

    const awareAt = new Date(t.clock.now().getTime() - 70 * HOUR);
    const created = await compliance.post(`/vendors/${vendor.id}/incidents`, { title: 'EU会員への誤送信', kind: 'leak', awareAt: local(awareAt), dataCategories: 'customer', personsAffected: '3', euUkDataSubjects: 'true' }).expect(303);
    const incidentId = /\/incidents\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    // The minute the form carries: the deadline is 72 hours after it. The countdown is whole minutes at the moment the page is drawn.
    const due = new Date(Date.parse(`${local(awareAt)}:00+09:00`) + 72 * HOUR);
    const minutesLeft = () => Math.floor((due.getTime() - t.clock.now().getTime()) / 60_000);
    const before = minutesLeft();
    const detail = await compliance.get(`/incidents/${incidentId}`).expect(200);
    const after = minutesLeft();
    expect(textOf(detail.text, 'incident-title')).toBe('EU会員への誤送信');
    const row = (left: number) =>
      `Report or notice To Deadline Time left State Basis Actions notification of the supervisory authority (GDPR Art. 33) the competent supervisory authority (EU/UK) ${wallClock(due, t.config.orgTimezone)} within 72 hours of becoming aware ` +
      `${Math.floor(left / 60)} h ${left % 60} min left open GDPR Art. 33(1) (checked in the primary text) Why it is not required Close as not required`;
    expect([row(before), row(after)]).toContain(textOf(detail.text, 'obligations'));
    expect(before).toBeGreaterThanOrEqual(118);
    expect(textOf(detail.text, 'incident-assessment')).toBe('Not a reportable situation under the APPI (PPC Rules Art. 7).');
    expect(detail.text).toContain('data-testid="record-report"');
    const seen = await viewer.get(`/incidents/${incidentId}`).expect(200);
    expect(seen.text).not.toContain('data-testid="record-report"');
    expect(seen.text).not.toContain('data-testid="close-obligation"');
    expect(textOf(seen.text, 'incident-title')).toBe('EU会員への誤送信');

    // In Japanese (the admin reads Japanese): the same obligation, its addressee, basis and countdown.
    const ja = await admin.get(`/incidents/${incidentId}`).expect(200);
    const jaAfter = minutesLeft();
    // The deadline as a Japanese page shows it (2026年12月1日 00:42) and the countdown in whole minutes (あと1時間59分).
    const jaRow = (left: number) =>
      `報告・通知 宛先 期限 残り時間 状況 根拠 操作 監督機関への通知（GDPR第33条） 管轄の監督機関（EU・英国） ${jaWallClock(due, t.config.orgTimezone)} 把握から72時間以内 ` +
      `あと${Math.floor(left / 60)}時間${left % 60}分 未了 GDPR第33条第1項 (原典で確認) 不要とする理由 不要として閉じる`;
    expect([jaRow(after), jaRow(jaAfter)]).toContain(textOf(ja.text, 'obligations'));
    expect(textOf(ja.text, 'obligations')).toContain('GDPR第33条第1項 (原典で確認)');

    // The list and the dashboard show it with its countdown.
    const list = await compliance.get('/incidents').expect(200);
    expect(textOf(list.text, 'incidents')).toContain(`EU会員への誤送信`);
    expect((await admin.get('/').expect(200)).text).toContain(`<a href="/incidents/${incidentId}">EU会員への誤送信</a>`);
  });

  it('records a report with the Art. 8(1) items, and closes an obligation as not required only with a reason', async () => {
    const vendor = await activeVendor(t, { name: '報告画面株式会社' });
    const incident = await newIncident(t, vendor.id, { title: '不正アクセス', suspectedMalicious: true, personsAffected: 20, euUkDataSubjects: true });
    const noItems = await compliance.post(`/incidents/${incident.id}/reports`, { obligation: 'appi-final', submittedAt: local(t.clock.now()), submittedBy: '法務部 佐藤' }).expect(400);
    expect(noItems.text).toContain('<p class="field-error" role="alert">a final report marks every item of PPC Rules Art. 8(1) known or not yet known (missing: (1) overview, (2) items of personal data affected,');
    const items = { item__overview: 'known', 'item__data-items': 'known', item__persons: 'known', item__cause: 'unknown', 'item__secondary-damage': 'unknown', 'item__response-to-persons': 'known', item__publication: 'known', item__prevention: 'unknown', item__other: 'known' };
    await compliance.post(`/incidents/${incident.id}/reports`, { obligation: 'appi-final', submittedAt: local(t.clock.now()), submittedBy: '法務部 佐藤', referenceNumber: 'PPC-2026-7', ...items }).expect(303);
    const page = await compliance.get(`/incidents/${incident.id}`).expect(200);
    const reports = textOf(page.text, 'reports');
    expect(reports).toContain('final report (確報, APPI Art. 26(1)) 法務部 佐藤 PPC-2026-7 (1) overview: known (2) items of personal data affected: known (3) number of persons: known (4) cause: not yet known');

    const noReason = await compliance.post(`/incidents/${incident.id}/obligations/gdpr-authority`, { version: '1', status: 'not-required', reason: '' }).expect(400);
    expect(noReason.text).toContain('<span class="field-error" role="alert">required to close an obligation as not required</span>');
    await compliance.post(`/incidents/${incident.id}/obligations/gdpr-authority`, { version: '1', status: 'not-required', reason: '暗号化済みでリスクなし' }).expect(303);
    const closed = (await t.http.get(`/api/v1/incidents/${incident.id}/obligations`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.items;
    expect(closed.map((obligation: { code: string; status: string; notRequiredReason: string | null }) => [obligation.code, obligation.status, obligation.notRequiredReason])).toEqual([
      ['appi-preliminary', 'open', null], ['appi-final', 'reported', null], ['appi-notice', 'open', null], ['gdpr-authority', 'not-required', '暗号化済みでリスクなし'],
    ]);
    expect((await compliance.get(`/incidents/${incident.id}`).expect(200)).text).toContain('data-testid="reopen-obligation"');
  });

  it('edits an incident; a stale version keeps the input and says so', async () => {
    const vendor = await activeVendor(t, { name: '編集画面株式会社' });
    const incident = await newIncident(t, vendor.id, { title: '編集前' });
    const form = await compliance.get(`/incidents/${incident.id}/edit`).expect(200);
    expect(form.text).toContain('value="編集前"');
    expect(form.text).toContain(`value="${local(new Date(incident.awareAt))}"`);
    await compliance.post(`/incidents/${incident.id}`, { version: String(incident.version), title: '編集後', kind: 'loss', status: 'contained', awareAt: local(new Date(incident.awareAt)), personsAffected: '3' }).expect(303);
    const stale = await compliance.post(`/incidents/${incident.id}`, { version: String(incident.version), title: '古い版からの編集', kind: 'loss', status: 'contained', awareAt: local(new Date(incident.awareAt)) }).expect(409);
    expect(stale.text).toContain('古い版からの編集');
    expect(stale.text).toContain(`incident ${incident.id} was changed by someone else (you sent version 1, the current version is 2)`);
    expect(stale.text).toContain('Stored now: 編集後 — contained — Version 2');
    const stored = (await t.http.get(`/api/v1/incidents/${incident.id}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect([stored.title, stored.kind, stored.status, stored.personsAffected]).toEqual(['編集後', 'loss', 'contained', 3]);
  });
});

describe('admin UI: the incidents list and the 速報 yardstick, as a user reads them', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The rows of the table with the test id, each as its text. */
  function rowsOf(html: string, testId: string): string[] {
    const at = html.indexOf(`data-testid="${testId}"`);
    if (at < 0) throw new Error(`no ${testId} on the page`);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html.slice(at))![1];
    return body.split('</tr>').filter((row) => row.includes('<td')).map((row) => row.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim());
  }

  it('lists open incidents first, by the nearest deadline, each row with its countdown; closed last', async () => {
    const zone = t.config.orgTimezone;
    const vendor = await activeVendor(t, { name: '一覧の委託先' });
    const compliance = await t.tokenFor('compliance');
    // 30 seconds of slack on each clock, so the whole minutes left do not tick over while the page is drawn.
    const now = t.clock.now().getTime() + 30_000;
    const later = await newIncident(t, vendor.id, { title: '後', awareAt: new Date(now - 10 * HOUR).toISOString(), notifiedAt: null, sensitiveData: true });
    const sooner = await newIncident(t, vendor.id, { title: '先', awareAt: new Date(now - 60 * HOUR).toISOString(), notifiedAt: null, euUkDataSubjects: true });
    const none = await newIncident(t, vendor.id, { title: '義務なし', awareAt: new Date(now - 70 * HOUR).toISOString(), notifiedAt: null });
    const closed = await newIncident(t, vendor.id, { title: '完了', awareAt: new Date(now - 80 * HOUR).toISOString(), notifiedAt: null });
    await t.http.patch(`/api/v1/incidents/${closed.id}`).set(...bearer(compliance)).send({ version: closed.version, status: 'closed' }).expect(200);

    const at = (incident: { awareAt: string }, hours = 0) => wallClock(new Date(Date.parse(incident.awareAt) + hours * HOUR), zone);
    const list = await (await signIn(t, 'compliance')).get('/incidents').expect(200);
    expect(rowsOf(list.text, 'incidents')).toEqual([
      `${at(sooner, 72)} notification of the supervisory authority (GDPR Art. 33): 12 h 0 min left 一覧の委託先 先 leak (漏えい) ${at(sooner)} open 1`,
      // The 速報 and the notice to the persons share their day-3 deadline: the first of them is named.
      `${at(later, 72)} preliminary report (速報, APPI Art. 26(1)): 62 h 0 min left 一覧の委託先 後 leak (漏えい) ${at(later)} open 3`,
      `一覧の委託先 義務なし leak (漏えい) ${at(none)} open 0`,
      `一覧の委託先 完了 leak (漏えい) ${at(closed)} closed 0`,
    ]);
  });

  it('shows a 速報 due at day 3 with its outer bound at day 5, and past the target as a warning until day 5', async () => {
    const zone = t.config.orgTimezone;
    const vendor = await activeVendor(t, { name: '速報の委託先' });
    const awareAt = new Date(t.clock.now().getTime() + 30_000 - 80 * HOUR);
    const incident = await newIncident(t, vendor.id, { title: '要配慮の漏えい', awareAt: awareAt.toISOString(), notifiedAt: null, sensitiveData: true });
    const page = await (await signIn(t, 'compliance')).get(`/incidents/${incident.id}`).expect(200);
    const rows = rowsOf(page.text, 'obligations');
    // 80 hours after awareness: 8 hours past the day-3 target, 40 hours before the day-5 outer bound.
    expect(rows[0]).toBe(
      `preliminary report (速報, APPI Art. 26(1)) ${incident.obligations[0].authority.name} ${wallClock(new Date(awareAt.getTime() + 72 * HOUR), zone)} at the latest ${wallClock(new Date(awareAt.getTime() + 120 * HOUR), zone)} ` +
      `${incident.obligations[0].timing.text} 40 h 0 min left past the 3-day target open ` +
      `${incident.obligations[0].references.map((reference: { text: string; verification: string }) => `${reference.text} (${reference.verification === 'verified' ? 'checked in the primary text' : reference.verification})`).join(' ')} ` +
      `Why it is not required Close as not required`,
    );
    expect(page.text).toMatch(/<span class="sev-warning" data-testid="countdown">40 h 0 min left<\/span>/);
    // The notice to the persons (速やかに, no yardstick of its own) is due with the 速報's target: past it, it is overdue.
    // (The 30 seconds of slack run the other way here: 7 h 59 min late.)
    expect(rows[2]).toBe(
      `notice to the persons (APPI Art. 26(2)) the persons concerned ${wallClock(new Date(awareAt.getTime() + 72 * HOUR), zone)} promptly (no number of days; shown with the first report’s deadline) ` +
      '7 h 59 min overdue open APPI Art. 26(2) (checked in the primary text) PPC Rules Art. 10 (checked in the primary text) Why it is not required Close as not required',
    );
    const flags = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.flags;
    expect(flags.filter((flag: { code: string }) => flag.code.startsWith('incident-report')).map((flag: { code: string; severity: string; message: string }) => [flag.code, flag.severity, flag.message])).toEqual([
      ['incident-report-due', 'warning', expect.stringContaining('preliminary report (速報, APPI Art. 26(1))')],
      ['incident-report-overdue', 'critical', expect.stringContaining('notice to the persons (APPI Art. 26(2))')],
    ]);
  });
});
