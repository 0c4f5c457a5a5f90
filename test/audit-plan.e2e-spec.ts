import { addDays, addMonths } from '../src/rules/calendar';
import { activeVendor, newAudit, newIncident, today } from './support/factories';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { fieldsNamed } from './support/problems';
import { signIn } from './ui/support';

interface Candidate { vendorId: string; vendorName: string; riskTier: string; lastAuditOn: string | null; dueDate: string; openAudit: { id: string; scheduledFor: string } | null }

/**
 * Audit planning at scale: the vendors whose audit falls due in a period, 40 planned audits in one
 * post (all or none), reminders for planned audits in the exactly-once ledger, due dates on the calendar.
 */
describe('annual audit plan', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let compliance: string;
  let asOf: string;
  const due: Array<{ id: string; name: string; dueDate: string }> = [];

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'Vendor Oversight <oversight@example.test>' } });
    compliance = await t.tokenFor('compliance');
    asOf = today(t);
    // 40 medium-tier vendors (24-month interval, never audited) falling due on days 10..49 from today, and one due later.
    for (let n = 0; n < 40; n += 1) {
      const dueDate = addDays(asOf, 10 + n);
      const vendor = await activeVendor(t, { name: `計画委託先 ${String(n).padStart(2, '0')}`, dataCategories: ['customer'], activeSince: addMonths(dueDate, -24) });
      due.push({ id: vendor.id, name: vendor.name, dueDate });
    }
    await activeVendor(t, { name: '期間外委託先', dataCategories: ['customer'], activeSince: addMonths(addDays(asOf, 200), -24) });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const candidates = async (query: string) => (await t.http.get(`/api/v1/audit-plan?${query}`).set(...bearer(compliance)).expect(200)).body as { items: Candidate[]; total: number };
  const auditCount = async () => (await t.http.get('/api/v1/audits?pageSize=1').set(...bearer(compliance)).expect(200)).body.total as number;
  const period = () => `from=${addDays(asOf, 10)}&to=${addDays(asOf, 49)}`;

  it('lists every vendor falling due in the period, soonest first, with tier, last audit and due date', async () => {
    const page = await candidates(`${period()}&pageSize=200`);
    expect(page.total).toBe(40);
    expect(page.items.map((item) => [item.vendorName, item.riskTier, item.lastAuditOn, item.dueDate, item.openAudit])).toEqual(due.map((vendor) => [vendor.name, 'medium', null, vendor.dueDate, null]));
    expect((await candidates(`from=${addDays(asOf, 12)}&to=${addDays(asOf, 13)}`)).items.map((item) => item.vendorName)).toEqual(['計画委託先 02', '計画委託先 03']);
    const backwards = await t.http.get(`/api/v1/audit-plan?from=${addDays(asOf, 13)}&to=${addDays(asOf, 12)}`).set(...bearer(compliance)).expect(400);
    expect(fieldsNamed(backwards.body.message)).toEqual(['to']);
  });

  it('creates 40 planned audits in one post, or none when one entry conflicts', async () => {
    const busy = await activeVendor(t, { name: '予定済み委託先' });
    await newAudit(t, busy.id, { scheduledFor: addDays(asOf, 20) });
    const before = await auditCount();
    const entries = due.map((vendor) => ({ vendorId: vendor.id, kind: 'on-site', scheduledFor: vendor.dueDate, auditorEmail: 'Auditor@Example.test' }));

    const refused = await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: [...entries, { vendorId: busy.id, kind: 'remote', scheduledFor: addDays(asOf, 30) }] }).expect(409);
    expect(refused.body.message).toEqual([`audits.40.vendorId: the vendor already has an audit planned for ${addDays(asOf, 20)}`]);
    expect(await auditCount()).toBe(before);
    const twice = await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: [entries[0], entries[1], entries[0]] }).expect(400);
    expect(fieldsNamed(twice.body.message)).toEqual(['audits.2.vendorId']);
    await t.http.post('/api/v1/audit-plan').set(...bearer(await t.tokenFor('viewer'))).send({ audits: entries }).expect(403);
    expect(await auditCount()).toBe(before);

    const created = await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: entries }).expect(201);
    expect(created.body.created).toBe(40);
    expect(created.body.items.map((audit: { vendorId: string; status: string; kind: string; scheduledFor: string; auditorEmail: string }) => [audit.vendorId, audit.status, audit.kind, audit.scheduledFor, audit.auditorEmail]))
      .toEqual(due.map((vendor) => [vendor.id, 'planned', 'on-site', vendor.dueDate, 'auditor@example.test']));
    expect(await auditCount()).toBe(before + 40);
    // Now each of them shows its planned audit, and planning it again is refused.
    expect((await candidates(period())).items[0].openAudit).toEqual({ id: created.body.items[0].id, scheduledFor: due[0].dueDate });
    await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: [entries[0]] }).expect(409);
  });

  it('plans from the page in Japanese: rows selected, dates defaulting to the due date, and the refused rows marked', async () => {
    const first = await activeVendor(t, { name: '画面計画 一', dataCategories: ['customer'], activeSince: addMonths(addDays(asOf, 60), -24) });
    const second = await activeVendor(t, { name: '画面計画 二', dataCategories: ['customer'], activeSince: addMonths(addDays(asOf, 61), -24) });
    const admin = await signIn(t, 'admin');
    const range = { from: addDays(asOf, 60), to: addDays(asOf, 61) };
    const html = (await admin.get(`/audit-plan?from=${range.from}&to=${range.to}`).expect(200)).text;
    expect(html).toContain('<p data-testid="plan-total">期限が来る委託先 2 件</p>');
    expect(html).toContain(`<input type="date" name="date__${first.id}" value="${range.from}"`);

    const created = await admin.post('/audit-plan', { ...range, vendorIds: [first.id, second.id], [`date__${first.id}`]: addDays(asOf, 55), [`date__${second.id}`]: range.to, kind: 'remote', auditorEmail: 'auditor@example.test' }).expect(303);
    expect(created.headers.location).toBe(`/audit-plan?from=${range.from}&to=${range.to}&notice=planned&count=2`);
    const after = (await admin.get(created.headers.location).expect(200)).text;
    expect(after).toContain('<p class="notice" role="status" data-testid="plan-created">監査予定を 2 件作成しました。</p>');
    expect(after).toContain(`${addDays(asOf, 55)} に予定済み`);
    const planned = (await t.http.get(`/api/v1/vendors/${first.id}/audits`).set(...bearer(compliance)).expect(200)).body.items;
    expect(planned.map((audit: { kind: string; scheduledFor: string }) => [audit.kind, audit.scheduledFor])).toEqual([['remote', addDays(asOf, 55)]]);

    const again = await admin.post('/audit-plan', { ...range, vendorIds: [second.id], [`date__${second.id}`]: range.to, kind: 'remote' }).expect(409);
    expect(again.text).toContain('監査計画を作成できませんでした（何も保存されていません）。');
    const none = await admin.post('/audit-plan', { ...range, kind: 'remote' }).expect(400);
    expect(none.text).toContain('委託先を1件以上選んでください。');
  });

  it('reminds the owner and the auditor of a planned audit 7 days ahead, once', async () => {
    const vendor = await activeVendor(t, { name: '株式会社実地監査', ownerEmail: 'plan-owner@example.test' });
    await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: [{ vendorId: vendor.id, kind: 'on-site', scheduledFor: addDays(asOf, 7), auditorEmail: 'plan-auditor@example.test' }] }).expect(201);
    const admin = await t.tokenFor('admin');
    smtp.received.length = 0;
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    const toOwner = smtp.received.filter((mail) => mail.to === 'plan-owner@example.test');
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0].text).toContain(`・株式会社実地監査: ${addDays(asOf, 7)} に監査（実地監査）を予定しています（あと 7 日）`);
    expect(smtp.received.filter((mail) => mail.to === 'plan-auditor@example.test').map((mail) => mail.text.includes('株式会社実地監査'))).toEqual([true]);

    smtp.received.length = 0;
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    expect(smtp.received.filter((mail) => mail.to === 'plan-owner@example.test')).toEqual([]);
    const ledger = (await t.http.get('/api/v1/notifications?recipient=plan-owner@example.test').set(...bearer(admin)).expect(200)).body.items;
    expect(ledger.map((row: { rule: string; threshold: string; status: string }) => [row.rule, row.threshold, row.status])).toEqual([['planned-audit', '7', 'sent']]);
  });

  it('shows the due dates on the calendar beside the planned audits', async () => {
    const month = due[0].dueDate.slice(0, 7);
    const html = (await (await signIn(t, 'admin')).get(`/audits?view=calendar&month=${month}`).expect(200)).text;
    const inMonth = due.filter((vendor) => vendor.dueDate.startsWith(month));
    expect([...html.matchAll(/data-due="([0-9a-f-]{36})">([^<]+)<\/a> <span class="muted">監査期限<\/span>/g)].map((match) => match[2])).toEqual(inMonth.map((vendor) => vendor.name));
  });

  it('shows an incident\'s earlier audit, the date the vendor page shows, in the plan and on the calendar alike', async () => {
    // Due 24 months after activation by its tier; an incident today brings the audit forward to 30 days after it.
    const vendor = await activeVendor(t, { name: '事案後監査委託先', dataCategories: ['customer'], activeSince: addDays(asOf, -1) });
    const incident = await newIncident(t, vendor.id, {});
    const awareOn = new Intl.DateTimeFormat('en-CA', { timeZone: t.config.orgTimezone }).format(new Date(incident.awareAt));
    const dueDate = addDays(awareOn, 30);
    const admin = await signIn(t, 'admin');
    expect((await admin.get(`/vendors/${vendor.id}`).expect(200)).text).toMatch(new RegExp(`<dt>次回監査期限</dt><dd>${dueDate}</dd>`));
    expect((await candidates(`from=${dueDate}&to=${dueDate}`)).items.filter((item) => item.vendorId === vendor.id).map((item) => item.dueDate)).toEqual([dueDate]);
    expect((await candidates(`from=${addMonths(addDays(asOf, -1), 24)}&to=${addMonths(addDays(asOf, -1), 24)}`)).items.map((item) => item.vendorId)).not.toContain(vendor.id);
    const calendar = (await admin.get(`/audits?view=calendar&month=${dueDate.slice(0, 7)}`).expect(200)).text;
    expect(calendar).toContain(`data-due="${vendor.id}">事案後監査委託先</a>`);
  });

  it('shows three names a day and how many more, linked to the plan of that day, and the overdue vendors once, on one line', async () => {
    const day = addDays(asOf, 400);
    const names = ['同日期限 1', '同日期限 2', '同日期限 3', '同日期限 4', '同日期限 5'];
    const sameDay = [];
    for (const name of names) sameDay.push(await activeVendor(t, { name, dataCategories: ['customer'], activeSince: addMonths(day, -24) }));
    // Four audits planned on one day: three shown, one more counted and linked to the audit list of that day.
    const plannedOn = day;
    await t.http.post('/api/v1/audit-plan').set(...bearer(compliance)).send({ audits: sameDay.slice(0, 4).map((vendor) => ({ vendorId: vendor.id, kind: 'remote', scheduledFor: plannedOn })) }).expect(201);
    const overdueOn = addDays(asOf, -20);
    const late = await activeVendor(t, { name: '期限超過委託先', dataCategories: ['customer'], activeSince: addMonths(overdueOn, -24) });
    const admin = await signIn(t, 'admin');
    const html = (await admin.get(`/audits?view=calendar&month=${day.slice(0, 7)}`).expect(200)).text;
    expect([...html.matchAll(/data-due="[0-9a-f-]{36}">(同日期限 \d)<\/a>/g)].map((match) => match[1])).toEqual(names.slice(0, 3));
    expect(html).toContain(`<a href="/audit-plan?from=${day}&amp;to=${day}" data-more-due="${day}">他 2 件</a>`);
    expect((await candidates(`from=${day}&to=${day}`)).items.map((item) => item.vendorName)).toEqual(names);
    const plannedNames = [...html.matchAll(/<a href="\/vendors\/([0-9a-f-]{36})">(同日期限 \d)<\/a> <span class="muted">予定<\/span>/g)].map((match) => match[2]);
    expect(plannedNames).toHaveLength(3);
    expect(html).toContain(`<a href="/audits?from=${plannedOn}&amp;to=${plannedOn}" data-more-audits="${plannedOn}">他 1 件</a>`);
    // Overdue: shown on its own due date (not repeated in later months), and counted on one line linking to the plan of those days.
    const stored = (await t.http.get(`/api/v1/vendors?nextAuditDueBefore=${asOf}&pageSize=1`).set(...bearer(compliance)).expect(200)).body.total as number;
    expect(stored).toBeGreaterThanOrEqual(1);
    const earliest = (await t.http.get(`/api/v1/vendors?nextAuditDueBefore=${asOf}&sort=nextAuditDue&pageSize=1`).set(...bearer(compliance)).expect(200)).body.items[0].nextAuditDue as string;
    const line = `<p class="sev-warning" data-testid="audits-overdue">監査期限を過ぎた委託先が ${stored} 件あります（各期限日に表示し、以降の月には繰り返しません）。 <a href="/audit-plan?from=${earliest}&amp;to=${addDays(asOf, -1)}" data-testid="audits-overdue-plan">計画する</a></p>`;
    for (const page of [html, (await admin.get('/audit-plan').expect(200)).text]) expect(page).toContain(line);
    expect((await candidates(`from=${earliest}&to=${addDays(asOf, -1)}&pageSize=200`)).items.map((item) => item.vendorId)).toContain(late.id);
    expect(html).not.toContain(`data-due="${late.id}"`);
    expect((await admin.get(`/audits?view=calendar&month=${overdueOn.slice(0, 7)}`).expect(200)).text).toContain(`data-due="${late.id}">期限超過委託先</a>`);
  });
});
