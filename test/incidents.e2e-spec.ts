import { ScheduledJobs } from '../src/common/scheduled-jobs';
import { IncidentClock } from '../src/reminders/incident-clock';
import { addDays, addMonths } from '../src/rules/calendar';
import { wallClock } from '../src/rules/incident-obligations';
import { Translator } from '../src/i18n/translator';
import { pdfOf } from './support/documents';
import { activeVendor, newAudit, newContract, newIncident, newSubcontractor, newVendor, review, reviews, today } from './support/factories';
import { fieldsNamed } from './support/problems';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { signIn } from './ui/support';

const HOUR = 3_600_000;
const TOKYO = 'Asia/Tokyo';
/** An instant as a Japanese page prints it on Tokyo's wall clock: 2026年12月1日 00:42. */
const jaWallClock = (instant: Date) => {
  const [, year, month, day, time] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(wallClock(instant, TOKYO))!;
  return `${year}年${Number(month)}月${Number(day)}日 ${time}`;
};

/** A vendor with nothing to fix: selected, a contract in force with every required clause present, audited recently. */
async function compliantVendor(t: TestApp, name: string): Promise<{ id: string; contractId: string }> {
  const vendor = await activeVendor(t, { name, activeSince: today(t) });
  const contract = await newContract(t, vendor.id, { title: '業務委託契約書', incidentNoticeHours: 24 });
  const checklist = (await t.http.get(`/api/v1/contracts/${contract.id}/checklist`).set(...bearer(await t.tokenFor('admin'))).expect(200)).body as { items: Array<{ clauseType: string; required: boolean }> };
  await review(t, contract.id, reviews(checklist.items.filter((item) => item.required).map((item) => item.clauseType), 'present'));
  return { id: vendor.id, contractId: contract.id };
}

const flagCodes = async (t: TestApp, vendorId: string) =>
  ((await t.http.get(`/api/v1/vendors/${vendorId}/compliance`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.flags as Array<{ code: string }>).map((flag) => flag.code).sort();
const storedStatus = async (t: TestApp, vendorId: string) => (await t.http.get(`/api/v1/vendors/${vendorId}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body.complianceStatus;

describe('漏えい等: GDPR 72 hours run out, the job flags and tells compliance once, the report settles it', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vendor Oversight <oversight@example.test>' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('due in 2 hours → incident-report-due; 3 hours later → incident-report-overdue, 要是正, one e-mail per run; recorded → gone', async () => {
    const compliance = await t.tokenFor('compliance');
    const vendor = await compliantVendor(t, '株式会社欧州顧客');
    expect(await flagCodes(t, vendor.id)).toEqual([]);
    expect(await storedStatus(t, vendor.id)).toBe('compliant');

    const awareAt = new Date(t.clock.now().getTime() - 70 * HOUR);
    const incident = await newIncident(t, vendor.id, { title: 'EU会員データの誤送信', awareAt: awareAt.toISOString(), notifiedAt: null, euUkDataSubjects: true, personsAffected: 3 });
    const dueAt = new Date(awareAt.getTime() + 72 * HOUR);
    // Ordinary customer data of 3 persons: GDPR Art. 33 is the only duty, due 72 hours after awareness, 2 hours from now.
    expect(incident.obligations.map(({ code, status, state, dueAt: due, outerDueAt, applies }) => ({ code, status, state, dueAt: due, outerDueAt, applies }))).toEqual([
      { code: 'gdpr-authority', status: 'open', state: 'due-soon', dueAt: dueAt.toISOString(), outerDueAt: null, applies: true },
    ]);
    expect(Math.round(incident.obligations[0].remainingMs! / 60_000)).toBe(120);
    expect(incident.obligations[0].references).toEqual([{ code: 'gdpr-33-1', text: 'GDPR Art. 33(1)', verification: 'verified' }]);

    // The write recomputed the vendor: a warning for the report, and the audit the incident calls for (company policy, 30 days).
    expect(await flagCodes(t, vendor.id)).toEqual(['incident-audit-due', 'incident-report-due']);
    expect(await storedStatus(t, vendor.id)).toBe('at-risk');
    const flags = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(compliance)).expect(200)).body.flags as Array<{ code: string; message: string; severity: string; refType?: string; refId?: string; dueDate?: string }>;
    const due = flags.find((flag) => flag.code === 'incident-report-due')!;
    expect(due).toEqual({
      code: 'incident-report-due', severity: 'warning', vendorId: vendor.id, requirementIds: [], refType: 'incident', refId: incident.id,
      // Legal model 2nd ed. §2: incident flags are statute; the obligation's references stay on the obligation (above).
      basis: 'statute', references: [],
      dueDate: new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO }).format(dueAt),
      message: `Incident “EU会員データの誤送信”: notification of the supervisory authority (GDPR Art. 33) (to: the competent supervisory authority (EU/UK)) is due ${wallClock(dueAt, TOKYO)}, 2 h left (GDPR Art. 33(1)). Record it once made.`,
    });

    // The 15-minute job: the reminder 24 hours before the deadline (the most urgent threshold reached), to compliance, once.
    const clock = t.app.get(IncidentClock);
    expect(await clock.run()).toEqual({ vendors: 1, created: 1, sent: 1, failed: 0 });
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([['compliance@example.test', '[Vendor oversight] Deadlines needing attention: 1']]);
    expect(smtp.received[0].text).toContain(`- 株式会社欧州顧客: incident “EU会員データの誤送信”: less than 24 hours to the notification of the supervisory authority (GDPR Art. 33) (due ${wallClock(dueAt, TOKYO)})`);
    expect(smtp.received[0].text).toContain(`${t.config.appUrl}/incidents/${incident.id}`);

    // Three hours later: past the deadline. The stored status waits for the job; the job flags it critical.
    t.clock.advance(3 * HOUR);
    expect(await flagCodes(t, vendor.id)).toEqual(['incident-audit-due', 'incident-report-overdue']);
    expect(await storedStatus(t, vendor.id)).toBe('at-risk');
    expect(await clock.run()).toEqual({ vendors: 1, created: 1, sent: 1, failed: 0 });
    expect(await storedStatus(t, vendor.id)).toBe('non-compliant');
    const listed = await t.http.get('/api/v1/vendors?flag=incident-report-overdue').set(...bearer(compliance)).expect(200);
    expect(listed.body.items.map((row: { id: string }) => row.id)).toEqual([vendor.id]);
    const overdue = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(compliance)).expect(200)).body.flags.find((flag: { code: string }) => flag.code === 'incident-report-overdue');
    expect([overdue.severity, overdue.message]).toEqual([
      'critical',
      `Incident “EU会員データの誤送信”: notification of the supervisory authority (GDPR Art. 33) (to: the competent supervisory authority (EU/UK)) was due ${wallClock(dueAt, TOKYO)}, 1 h ago (GDPR Art. 33(1)). Make it now and record it.`,
    ]);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].subject).toBe('[Vendor oversight] Deadlines needing attention: 1, of them overdue: 1');
    expect(smtp.received[1].text).toContain(`- 株式会社欧州顧客: incident “EU会員データの誤送信”: the notification of the supervisory authority (GDPR Art. 33) was due ${wallClock(dueAt, TOKYO)} and is overdue`);
    // The ja page says 要是正 (the catalogue's label of non-compliant).
    const page = await (await signIn(t, 'admin')).get(`/vendors/${vendor.id}`);
    expect(/data-testid="compliance-status">([^<]+)</.exec(page.text)?.[1]).toBe(t.app.get(Translator).t('ja', 'ui.enum.complianceStatus.non-compliant'));
    // The flag on the vendor page, in Japanese, with the way to the incident.
    const flagHtml = /<div class="flag sev-critical" data-flag="incident-report-overdue" data-basis="statute">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '';
    expect(flagHtml).toContain(`<a href="/incidents/${incident.id}">事案を開く</a>`);
    expect(flagHtml).toContain(t.app.get(Translator).t('ja', 'ui.enum.flagCode.incident-report-overdue'));
    expect(flagHtml).toContain(`<p>漏えい等の事案「EU会員データの誤送信」: 監督機関への通知（GDPR第33条）（宛先: 管轄の監督機関（EU・英国））の期限${jaWallClock(dueAt)}を1時間過ぎています（GDPR第33条第1項）。直ちに報告・通知し、記録してください。</p>`);

    // Another run, and one more 15 minutes later: nothing new.
    expect(await clock.run()).toEqual({ vendors: 1, created: 0, sent: 0, failed: 0 });
    t.clock.advance(15 * 60_000);
    expect(await clock.run()).toEqual({ vendors: 1, created: 0, sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(2);
    const ledger = await t.http.get('/api/v1/notifications').set(...bearer(compliance)).expect(200);
    expect(ledger.body.items.map((row: { rule: string; threshold: string; status: string }) => `${row.rule}/${row.threshold}/${row.status}`).sort()).toEqual([
      'incident-report-due/due-24h/sent', 'incident-report-overdue/overdue/sent',
    ]);

    // The report recorded (when, by whom, the reference): the flag goes with the write.
    const submittedAt = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const report = await t.http.post(`/api/v1/incidents/${incident.id}/reports`).set(...bearer(compliance))
      .send({ obligation: 'gdpr-authority', submittedAt, submittedBy: '法務部 佐藤', referenceNumber: 'DPC-2026-0042' }).expect(201);
    expect(report.body).toMatchObject({ obligation: 'gdpr-authority', submittedAt, submittedBy: '法務部 佐藤', referenceNumber: 'DPC-2026-0042', items: null });
    expect(await flagCodes(t, vendor.id)).toEqual(['incident-audit-due']);
    expect(await storedStatus(t, vendor.id)).toBe('at-risk');
    const after = (await t.http.get(`/api/v1/incidents/${incident.id}`).set(...bearer(compliance)).expect(200)).body;
    expect(after.obligations.map(({ code, status, state, closedAt }: Record<string, unknown>) => ({ code, status, state, closedAt }))).toEqual([{ code: 'gdpr-authority', status: 'reported', state: null, closedAt: submittedAt }]);
    expect(after.nextDeadline).toBeNull();
    expect(await clock.run()).toEqual({ vendors: 1, created: 0, sent: 0, failed: 0 });
  });
});

describe('the incident register through the API', () => {
  let t: TestApp;
  let vendorId: string;
  let contractId: string;
  let compliance: string;
  beforeAll(async () => {
    t = await createTestApp();
    compliance = await t.tokenFor('compliance');
    // This compliance officer reads Japanese: the answers' labels and refusals are in it.
    const admin = await t.tokenFor('admin');
    const users = (await t.http.get('/api/v1/users').set(...bearer(admin)).expect(200)).body.items as Array<{ id: string; email: string; version: number }>;
    const officer = users.find((user) => user.email === 'compliance@example.test')!;
    await t.http.patch(`/api/v1/users/${officer.id}`).set(...bearer(admin)).send({ version: officer.version, locale: 'ja' }).expect(200);
    ({ id: vendorId, contractId } = await compliantVendor(t, '株式会社委託先'));
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, token = compliance) => t.http.post(path).set(...bearer(token)).send(body);

  it('refuses bad input with a 400 naming the field, and writes nothing', async () => {
    const now = t.clock.now().getTime();
    const cases: Array<[object, string[]]> = [
      [{ title: '件名', kind: 'leak' }, ['awareAt']],
      [{ title: '件名', kind: 'leak', notifiedAt: '2026-03-01 18:30' }, ['notifiedAt']],
      [{ title: '件名', kind: 'leak', notifiedAt: '2026-03-01T18:30:00' }, ['notifiedAt']],
      [{ title: '件名', kind: 'leak', awareAt: '2026-02-30T18:30:00+09:00' }, ['awareAt']],
      [{ title: '件名', kind: 'leak', awareAt: new Date(now + 2 * HOUR).toISOString() }, ['awareAt']],
      [{ title: '件名', kind: 'leak', vendorAwareAt: new Date(now - HOUR).toISOString(), notifiedAt: new Date(now - 2 * HOUR).toISOString() }, ['notifiedAt']],
      [{ title: '件名', kind: 'leak', awareAt: new Date(now - 2 * HOUR).toISOString(), occurredAt: new Date(now - HOUR).toISOString() }, ['occurredAt']],
      [{ title: '件名', kind: 'theft', awareAt: new Date(now).toISOString() }, ['kind']],
      [{ title: '', kind: 'leak', awareAt: new Date(now).toISOString() }, ['title']],
      [{ title: '件名', kind: 'leak', awareAt: new Date(now).toISOString(), personsAffected: -1 }, ['personsAffected']],
      [{ title: '件名', kind: 'leak', awareAt: new Date(now).toISOString(), dataCategories: ['secrets'] }, ['dataCategories']],
      [{ title: '件名', kind: 'leak', awareAt: new Date(now).toISOString(), secret: true }, ['secret']],
    ];
    for (const [body, fields] of cases) {
      const response = await post(`/api/v1/vendors/${vendorId}/incidents`, body);
      expect([response.status, fieldsNamed(response.body.message)]).toEqual([400, fields]);
    }
    const other = await newVendor(t);
    const otherContract = await newContract(t, other.id);
    const foreign = await post(`/api/v1/vendors/${vendorId}/incidents`, { title: '件名', kind: 'leak', awareAt: new Date(now).toISOString(), contractId: otherContract.id });
    expect([foreign.status, foreign.body.message]).toEqual([400, [`contractId: ${otherContract.id} はこの委託先の契約ではありません`]]);
    expect((await t.http.get(`/api/v1/vendors/${vendorId}/incidents`).set(...bearer(compliance)).expect(200)).body.total).toBe(0);
  });

  it('clocks start at awareAt, which defaults to notifiedAt; an estimated occurrence may follow it', async () => {
    const notifiedAt = new Date(t.clock.now().getTime() - 5 * HOUR).toISOString();
    const incident = await newIncident(t, vendorId, { notifiedAt, occurredAt: new Date(t.clock.now().getTime() - HOUR).toISOString(), occurredAtEstimated: true, sensitiveData: true });
    expect(incident.awareAt).toBe(notifiedAt);
    expect(incident.obligations.map((obligation) => [obligation.code, obligation.dueAt, obligation.outerDueAt])).toEqual([
      ['appi-preliminary', new Date(Date.parse(notifiedAt) + 72 * HOUR).toISOString(), new Date(Date.parse(notifiedAt) + 120 * HOUR).toISOString()],
      ['appi-final', expect.any(String), null],
      ['appi-notice', new Date(Date.parse(notifiedAt) + 72 * HOUR).toISOString(), null],
    ]);
    // A carrier (the default profile) reports to its 総合通信局.
    expect(incident.obligations[0].authority).toEqual({ kind: 'telecom-bureau', bureau: 'kanto', name: '関東総合通信局' });
    expect(incident.assessment).toEqual({ appiTriggers: ['sensitive'], myNumberTriggers: [], encryptionExempt: false, countUncertain: [] });
  });

  it('names the PPC when the company is no carrier, and the TBA reports when it is', async () => {
    const admin = await t.tokenFor('admin');
    const incident = await newIncident(t, vendorId, { communicationsSecrecy: true, financialLossRisk: true });
    expect(incident.obligations.map((obligation) => `${obligation.code}→${obligation.authority.name}`)).toEqual([
      'appi-preliminary→関東総合通信局', 'appi-final→関東総合通信局', 'appi-notice→本人', 'tba-first→関東総合通信局', 'tba-detailed→関東総合通信局',
    ]);
    const settings = (await t.http.get('/api/v1/settings').set(...bearer(admin)).expect(200)).body;
    await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: settings.version, organisationProfile: { telecomCarrier: false } }).expect(200);
    try {
      const now = (await t.http.get(`/api/v1/incidents/${incident.id}/obligations`).set(...bearer(compliance)).expect(200)).body.items;
      expect(now.map((obligation: { code: string; authority: { name: string } }) => `${obligation.code}→${obligation.authority.name}`)).toEqual([
        'appi-preliminary→個人情報保護委員会', 'appi-final→個人情報保護委員会', 'appi-notice→本人',
      ]);
    } finally {
      const current = (await t.http.get('/api/v1/settings').set(...bearer(admin)).expect(200)).body;
      await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: current.version, organisationProfile: { telecomCarrier: true } }).expect(200);
    }
  });

  it('closes an obligation as not required only with a reason, audited; reopens it', async () => {
    const incident = await newIncident(t, vendorId, { euUkDataSubjects: true });
    const path = `/api/v1/incidents/${incident.id}/obligations/gdpr-authority`;
    const without = await t.http.patch(path).set(...bearer(compliance)).send({ version: 1, status: 'not-required' });
    expect([without.status, without.body.message]).toEqual([400, ['reason: 不要とする理由を入力してください']]);
    const viewer = await t.http.patch(path).set(...bearer(await t.tokenFor('viewer'))).send({ version: 1, status: 'not-required', reason: 'x' });
    expect(viewer.status).toBe(403);
    const reason = '暗号化されたバックアップ媒体で、鍵は別管理。本人の権利自由へのリスクは生じにくい（GDPR第33条第1項）';
    const closed = await t.http.patch(path).set(...bearer(compliance)).send({ version: 1, status: 'not-required', reason }).expect(200);
    expect([closed.body.status, closed.body.notRequiredReason, closed.body.state, closed.body.version]).toEqual(['not-required', reason, null, 2]);
    const stale = await t.http.patch(path).set(...bearer(compliance)).send({ version: 1, status: 'open' });
    expect([stale.status, fieldsNamed(stale.body.message)]).toEqual([409, ['version']]);
    const trail = (await t.http.get(`/api/v1/audit-log?entityType=incident-obligation&entityId=${closed.body.id}`).set(...bearer(compliance)).expect(200)).body.items;
    expect(trail.map((entry: { action: string; changes: Record<string, { after: unknown }> }) => [entry.action, entry.changes.status?.after ?? null])).toEqual([['update', 'not-required'], ['create', 'open']]);
    const reopened = await t.http.patch(path).set(...bearer(compliance)).send({ version: 2, status: 'open' }).expect(200);
    expect([reopened.body.status, reopened.body.notRequiredReason]).toEqual(['open', null]);
    const unknown = await t.http.patch(`/api/v1/incidents/${incident.id}/obligations/appi-final`).set(...bearer(compliance)).send({ version: 0, status: 'not-required', reason: 'x' });
    expect(unknown.status).toBe(404);
    const badCode = await t.http.patch(`/api/v1/incidents/${incident.id}/obligations/nonsense`).set(...bearer(compliance)).send({ version: 0, status: 'not-required', reason: 'x' });
    expect([badCode.status, fieldsNamed(badCode.body.message)]).toEqual([400, ['code']]);
  });

  it('a 確報 records the items of PPC rules Art. 8(1), each known or not yet known; the incident closes once all is settled', async () => {
    const incident = await newIncident(t, vendorId, { suspectedMalicious: true, personsAffected: 40 });
    const final = incident.obligations.find((obligation) => obligation.code === 'appi-final')!;
    // 不正の目的 → 60 days, the day of awareness as day 1, ending at midnight in Tokyo.
    expect(final.timing).toEqual({ kind: 'days', days: 60, text: '把握した日を1日目として60日以内' });
    const awareOn = new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO }).format(new Date(incident.awareAt));
    expect(wallClock(new Date(final.dueAt!), TOKYO)).toBe(`${addDays(awareOn, 59)} 23:59`);
    const submittedAt = t.clock.now().toISOString();
    const missing = await post(`/api/v1/incidents/${incident.id}/reports`, { obligation: 'appi-final', submittedAt, submittedBy: '佐藤', items: { overview: 'known', cause: 'unknown' } });
    expect([missing.status, fieldsNamed(missing.body.message)]).toEqual([400, ['items']]);
    expect(missing.body.message[0]).toContain('(2) 漏えい等が発生し、又は発生したおそれがある個人データの項目');
    const notFinal = await post(`/api/v1/incidents/${incident.id}/reports`, { obligation: 'appi-preliminary', submittedAt, submittedBy: '佐藤', items: { overview: 'known' } });
    expect([notFinal.status, fieldsNamed(notFinal.body.message)]).toEqual([400, ['items']]);
    const items = { overview: 'known', 'data-items': 'known', persons: 'known', cause: 'unknown', 'secondary-damage': 'unknown', 'response-to-persons': 'known', publication: 'known', prevention: 'unknown', other: 'known' };
    const recorded = await post(`/api/v1/incidents/${incident.id}/reports`, { obligation: 'appi-final', submittedAt, submittedBy: '佐藤', referenceNumber: 'PPC-123', items }).expect(201);
    expect(recorded.body.items).toEqual(items);

    const closing = await t.http.patch(`/api/v1/incidents/${incident.id}`).set(...bearer(compliance)).send({ version: incident.version, status: 'closed' });
    expect([closing.status, fieldsNamed(closing.body.message)]).toEqual([409, ['status']]);
    expect(closing.body.message[0]).toContain('速報（個人情報保護法第26条第1項）');
    for (const obligation of ['appi-preliminary', 'appi-notice']) {
      await post(`/api/v1/incidents/${incident.id}/reports`, { obligation, submittedAt, submittedBy: '佐藤' }).expect(201);
    }
    const closed = await t.http.patch(`/api/v1/incidents/${incident.id}`).set(...bearer(compliance)).send({ version: incident.version, status: 'closed' }).expect(200);
    expect(closed.body.status).toBe('closed');
    expect(Math.abs(Date.parse(closed.body.closedAt) - t.clock.now().getTime())).toBeLessThan(10_000);
    const reports = (await t.http.get(`/api/v1/incidents/${incident.id}/reports`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect([reports.total, reports.items.map((report: { obligation: string }) => report.obligation)]).toEqual([3, ['appi-final', 'appi-preliminary', 'appi-notice']]);
  });

  it('shows late notice by the vendor against its contract as a fact worth a finding', async () => {
    const now = t.clock.now().getTime();
    const late = await newIncident(t, vendorId, { vendorAwareAt: new Date(now - 50 * HOUR).toISOString(), notifiedAt: new Date(now - 2 * HOUR).toISOString() });
    expect(late.vendorNotice).toEqual({ agreedHours: 24, elapsedMinutes: 48 * 60, late: true, contractId, contractTitle: '業務委託契約書' });
    const onTime = await newIncident(t, vendorId, { vendorAwareAt: new Date(now - 20 * HOUR).toISOString(), notifiedAt: new Date(now - 2 * HOUR).toISOString() });
    expect(onTime.vendorNotice).toEqual({ agreedHours: 24, elapsedMinutes: 18 * 60, late: false, contractId, contractTitle: '業務委託契約書' });
    const unknown = await newIncident(t, vendorId, {});
    expect(unknown.vendorNotice).toBeNull();
  });

  it('makes the next audit due 30 days after the incident (a setting), unless one is completed after it', async () => {
    const vendor = await compliantVendor(t, '監査対象株式会社');
    const incident = await newIncident(t, vendor.id, {});
    const awareOn = new Intl.DateTimeFormat('en-CA', { timeZone: TOKYO }).format(new Date(incident.awareAt));
    const compliance_ = async () => (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(compliance)).expect(200)).body;
    expect((await compliance_()).nextAuditDue).toBe(addDays(awareOn, 30));
    expect((await compliance_()).flags.map((flag: { code: string; dueDate: string }) => `${flag.code}@${flag.dueDate}`)).toEqual([`incident-audit-due@${addDays(awareOn, 30)}`]);
    const asOf = addDays(awareOn, 31);
    expect((await t.http.get(`/api/v1/vendors/${vendor.id}/compliance?asOf=${asOf}`).set(...bearer(compliance)).expect(200)).body.flags.map((flag: { code: string; severity: string }) => `${flag.code}/${flag.severity}`)).toEqual(['incident-audit-overdue/critical']);
    const admin = await t.tokenFor('admin');
    const settings = (await t.http.get('/api/v1/settings').set(...bearer(admin)).expect(200)).body;
    expect(settings.incidentAuditDays).toBe(30);
    const changed = await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: settings.version, incidentAuditDays: 14 }).expect(200);
    expect((await compliance_()).nextAuditDue).toBe(addDays(awareOn, 14));
    await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: changed.body.version, incidentAuditDays: 30 }).expect(200);
    const audit = await newAudit(t, vendor.id, { scheduledFor: today(t) });
    await t.http.patch(`/api/v1/audits/${audit.id}`).set(...bearer(compliance)).send({ version: audit.version, status: 'completed', completedOn: today(t), result: 'satisfactory' }).expect(200);
    const afterAudit = await compliance_();
    const months = { high: 12, medium: 24, low: 36 }[afterAudit.riskTier as 'high' | 'medium' | 'low'];
    expect([afterAudit.flags, afterAudit.nextAuditDue]).toEqual([[], addMonths(today(t), months)]);
  });

  it('lists open incidents first, by the nearest deadline, and keeps the vendor (records are evidence)', async () => {
    const vendor = await activeVendor(t, { name: '並び順株式会社' });
    const now = t.clock.now().getTime();
    const later = await newIncident(t, vendor.id, { title: '後', awareAt: new Date(now - 10 * HOUR).toISOString(), euUkDataSubjects: true });
    const sooner = await newIncident(t, vendor.id, { title: '先', awareAt: new Date(now - 60 * HOUR).toISOString(), euUkDataSubjects: true });
    const none = await newIncident(t, vendor.id, { title: '義務なし', awareAt: new Date(now - 70 * HOUR).toISOString() });
    const closed = await newIncident(t, vendor.id, { title: '完了', awareAt: new Date(now - 80 * HOUR).toISOString() });
    await t.http.patch(`/api/v1/incidents/${closed.id}`).set(...bearer(compliance)).send({ version: closed.version, status: 'closed' }).expect(200);
    const list = (await t.http.get(`/api/v1/vendors/${vendor.id}/incidents`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect(list.items.map((incident: { title: string }) => incident.title)).toEqual(['先', '後', '義務なし', '完了']);
    expect([sooner.id, later.id, none.id].length).toBe(3);
    const all = (await t.http.get(`/api/v1/incidents?status=closed&vendorId=${vendor.id}`).set(...bearer(compliance)).expect(200)).body;
    expect(all.items.map((incident: { title: string }) => incident.title)).toEqual(['完了']);
    const remove = await t.http.delete(`/api/v1/vendors/${vendor.id}`).set(...bearer(compliance));
    expect(remove.status).toBe(409);
  });

  it('keeps documents with an incident', async () => {
    const incident = await newIncident(t, vendorId, {});
    const upload = await t.http.post(`/api/v1/incidents/${incident.id}/files`).set(...bearer(compliance)).attach('file', pdfOf('報告書'), '委託先の事故報告書.pdf').expect(201);
    expect([upload.body.ownerType, upload.body.ownerId, upload.body.vendorId, upload.body.fileName]).toEqual(['incident', incident.id, vendorId, '委託先の事故報告書.pdf']);
    const viewer = await t.http.post(`/api/v1/incidents/${incident.id}/files`).set(...bearer(await t.tokenFor('viewer'))).attach('file', pdfOf('x'), 'x.pdf');
    expect(viewer.status).toBe(403);
  });

  it('audits every change in the same transaction, and refuses a stale version', async () => {
    const incident = await newIncident(t, vendorId, { title: '監査ログ' });
    const updated = await t.http.patch(`/api/v1/incidents/${incident.id}`).set(...bearer(compliance)).send({ version: incident.version, status: 'contained', personsAffected: 12 }).expect(200);
    expect([updated.body.status, updated.body.personsAffected, updated.body.version]).toEqual(['contained', 12, 2]);
    const stale = await t.http.patch(`/api/v1/incidents/${incident.id}`).set(...bearer(compliance)).send({ version: 1, title: '古い版' });
    expect([stale.status, fieldsNamed(stale.body.message)]).toEqual([409, ['version']]);
    const trail = (await t.http.get(`/api/v1/audit-log?entityType=incident&entityId=${incident.id}`).set(...bearer(compliance)).expect(200)).body.items;
    expect(trail.map((entry: { action: string; actor: { email: string } }) => [entry.action, entry.actor.email])).toEqual([['update', 'compliance@example.test'], ['create', 'compliance@example.test']]);
    expect(trail[0].changes).toEqual({ status: { before: 'open', after: 'contained' }, personsAffected: { before: 3, after: 12 } });
    const legal = await post(`/api/v1/vendors/${vendorId}/incidents`, { title: 'x', kind: 'leak', awareAt: t.clock.now().toISOString() }, await t.tokenFor('legal'));
    expect(legal.status).toBe(403);
  });

  it('refuses a subcontractor of another vendor, accepts its own', async () => {
    const own = await newSubcontractor(t, vendorId);
    const other = await newSubcontractor(t, (await newVendor(t)).id);
    const bad = await post(`/api/v1/vendors/${vendorId}/incidents`, { title: 'x', kind: 'loss', awareAt: t.clock.now().toISOString(), subcontractorId: other.id });
    expect([bad.status, fieldsNamed(bad.body.message)]).toEqual([400, ['subcontractorId']]);
    const good = await newIncident(t, vendorId, { subcontractorId: own.id, kind: 'loss' });
    expect([good.subcontractorId, good.kind]).toEqual([own.id, 'loss']);
  });
});

describe('the 15-minute incident job', () => {
  it('runs every 15 minutes when the scheduler is on (and once at start), not at all when it is off', async () => {
    const on = await createTestApp({ env: { SCHEDULER_ENABLED: 'true', ORG_TIMEZONE: 'Asia/Tokyo' } });
    try {
      const jobs = on.app.get(ScheduledJobs);
      expect(jobs.timerOf('incident-clock')).toEqual({ cron: '*/15 * * * *', timeZone: 'Asia/Tokyo' });
      // Every quarter of an hour: the next four runs are 15 minutes apart, on the quarter.
      const next = jobs.nextRuns('incident-clock', 4);
      expect(next).toHaveLength(4);
      expect(next.map((date) => date.getUTCMinutes() % 15)).toEqual([0, 0, 0, 0]);
      expect(next.slice(1).map((date, index) => date.getTime() - next[index].getTime())).toEqual([900_000, 900_000, 900_000]);
    } finally {
      await on.close();
    }
    const off = await createTestApp();
    try {
      expect(off.app.get(ScheduledJobs).active()).toEqual([]);
    } finally {
      await off.close();
    }
  });
});

describe('deadlines in ORG_TIMEZONE (a zone with summer time), and the reminder at creation', () => {
  const NEW_YORK = 'America/New_York';
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, ORG_TIMEZONE: NEW_YORK } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('reads the form in New York, counts the 確報 in New York days, and tells compliance once at creation', async () => {
    const compliance = await signIn(t, 'compliance');
    const vendor = await activeVendor(t, { name: 'NY Data Inc.' });
    // 23:30 yesterday in New York: already the next day in UTC and in Tokyo, so a deadline counted in
    // either would fall a day late.
    const todayInNewYork = new Intl.DateTimeFormat('en-CA', { timeZone: NEW_YORK }).format(t.clock.now());
    const awareOn = addDays(todayInNewYork, -1);
    const created = await compliance.post(`/vendors/${vendor.id}/incidents`, { title: 'Misdirected e-mail', kind: 'leak', awareAt: `${awareOn}T23:30`, sensitiveData: 'true', personsAffected: '2' }).expect(303);
    const incidentId = /\/incidents\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
    const incident = (await t.http.get(`/api/v1/incidents/${incidentId}`).set(...bearer(await t.tokenFor('viewer'))).expect(200)).body;
    expect(wallClock(new Date(incident.awareAt), NEW_YORK)).toBe(`${awareOn} 23:30`);
    const awareAt = new Date(incident.awareAt);
    const final = incident.obligations.find((obligation: { code: string }) => obligation.code === 'appi-final');
    // 30 days with the day of awareness as day 1: the last instant of day 30 on New York's wall clock, the next instant its midnight.
    expect(wallClock(new Date(final.dueAt), NEW_YORK)).toBe(`${addDays(awareOn, 29)} 23:59`);
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: NEW_YORK }).format(new Date(Date.parse(final.dueAt) + 1))).toBe(addDays(awareOn, 30));
    expect(wallClock(new Date(Date.parse(final.dueAt) + 1), NEW_YORK)).toBe(`${addDays(awareOn, 30)} 00:00`);
    expect(incident.obligations.map((obligation: { code: string; dueAt: string }) => [obligation.code, obligation.dueAt])).toEqual([
      ['appi-preliminary', new Date(awareAt.getTime() + 72 * HOUR).toISOString()],
      ['appi-final', final.dueAt],
      ['appi-notice', new Date(awareAt.getTime() + 72 * HOUR).toISOString()],
    ]);

    // The page shows New York's wall clock.
    const page = await compliance.get(`/incidents/${incidentId}`).expect(200);
    expect(page.text).toContain(`<dd>${awareOn} 23:30</dd>`);
    expect(page.text).toContain(`${addDays(awareOn, 29)} 23:59`);

    // The 15-minute job: the reminder at creation, one line per obligation, each with its New York deadline, once.
    const preliminaryDue = wallClock(new Date(awareAt.getTime() + 72 * HOUR), NEW_YORK);
    expect(await t.app.get(IncidentClock).run()).toEqual({ vendors: 1, created: 3, sent: 3, failed: 0 });
    expect(smtp.received.map((mail) => [mail.to, mail.subject])).toEqual([['compliance@example.test', '[Vendor oversight] Deadlines needing attention: 3']]);
    expect(smtp.received[0].text.split('\n').filter((line) => line.includes('Misdirected e-mail'))).toEqual([
      // Nearest deadline first; on the same day in the order of the obligation codes (a stable order).
      `- NY Data Inc.: incident “Misdirected e-mail” requires the notice to the persons (APPI Art. 26(2)) (due ${preliminaryDue})`,
      `- NY Data Inc.: incident “Misdirected e-mail” requires the preliminary report (速報, APPI Art. 26(1)) (due ${preliminaryDue})`,
      `- NY Data Inc.: incident “Misdirected e-mail” requires the final report (確報, APPI Art. 26(1)) (due ${addDays(awareOn, 29)} 23:59)`,
    ]);
    expect(await t.app.get(IncidentClock).run()).toEqual({ vendors: 1, created: 0, sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const ledger = (await t.http.get('/api/v1/notifications').set(...bearer(await t.tokenFor('compliance'))).expect(200)).body.items as Array<{ rule: string; threshold: string; dueDate: string; status: string }>;
    expect(ledger.map((row) => `${row.rule}/${row.threshold}/${row.dueDate}/${row.status}`).sort()).toEqual([
      `incident-obligation/created/${addDays(awareOn, 29)}/sent`,
      `incident-obligation/created/${new Intl.DateTimeFormat('en-CA', { timeZone: NEW_YORK }).format(new Date(awareAt.getTime() + 72 * HOUR))}/sent`,
      `incident-obligation/created/${new Intl.DateTimeFormat('en-CA', { timeZone: NEW_YORK }).format(new Date(awareAt.getTime() + 72 * HOUR))}/sent`,
    ].sort());
  });
});
