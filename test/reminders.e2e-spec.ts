import { ScheduledJobs } from '../src/common/scheduled-jobs';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Finding } from '../src/supervision/supervision.entities';
import { RemindersService } from '../src/reminders/reminders.service';
import { runInTransaction } from '../src/database/transactions';
import { addDays } from '../src/rules/calendar';
import { activeVendor, ENTRUSTMENT_CLAUSES, newAudit, newCertificate, newContract, newFinding, newSubcontractor, review, reviews, today } from './support/factories';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const ALWAYS = ENTRUSTMENT_CLAUSES;

/** A vendor with one deadline of every kind coming up, and a contract missing a clause. */
async function seedDeadlines(t: TestApp): Promise<Record<string, any>> {
  const compliance = await t.tokenFor('compliance');
  const day = today(t);
  // High tier (communications): audits every 12 months, so activeSince 11 months and 10 days ago is due in ~20 days.
  const vendor = await activeVendor(t, {
    name: '株式会社リマインド', ownerEmail: 'owner@example.test', dataCategories: ['communications'], reentrustmentAllowed: true, subcontractorApproval: 'objection-period',
    activeSince: addDays(day, 20 - 365),
  });
  const contract = await newContract(t, vendor.id, { title: '基本契約', expiresOn: addDays(day, 60), noticeDays: 55 });
  await review(t, contract.id, reviews(ALWAYS, 'present'));
  const audit = await newAudit(t, vendor.id, { kind: 'remote', scheduledFor: day });
  await newFinding(t, audit.id, { title: 'ログ保管', severity: 'high', dueOn: addDays(day, 3), ownerEmail: 'fixer@example.test' });
  await newCertificate(t, vendor.id, { kind: 'privacy-mark', validUntil: addDays(day, 30) });
  await newSubcontractor(t, vendor.id, { name: '再委託株式会社', country: 'JP', services: '運用', announcedOn: addDays(day, -12) });
  await t.tokenFor('legal');
  return vendor;
}

describe('reminder e-mails through a real SMTP server', () => {
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

  it('sends each recipient one e-mail listing their items, in their language; a second run sends nothing new', async () => {
    await seedDeadlines(t);
    const admin = await t.tokenFor('admin');
    const first = await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    // The README's table: audit due (owner, compliance), contract end and notice deadline (legal, owner), finding (its
    // owner, compliance), certificate (owner), objection deadline (compliance), the missing-clause digest (legal), and
    // the audit planned for today (owner; it has no auditor).
    expect(first.body).toEqual({ created: 12, sent: 12, failed: 0 });

    const byRecipient = new Map(smtp.received.map((mail) => [mail.to, mail]));
    expect([...byRecipient.keys()].sort()).toEqual(['compliance@example.test', 'fixer@example.test', 'legal@example.test', 'owner@example.test']);
    expect(smtp.received).toHaveLength(4);
    const items = (to: string) => (byRecipient.get(to)!.text.match(/^(- |・)/gm) ?? []).length;
    expect(['owner', 'compliance', 'legal', 'fixer'].map((name) => items(`${name}@example.test`))).toEqual([5, 3, 3, 1]);

    // The owner is not a user: Japanese, the organisation's language.
    const owner = byRecipient.get('owner@example.test')!;
    expect(owner.subject).toBe('[委託先監督] 期限のある対応が5件あります');
    expect(owner.text).toContain(`・株式会社リマインド: ${today(t)} に監査（リモート監査）を予定しています（あと 0 日）`);
    expect(owner.text).toContain('・株式会社リマインド: 定期監査の期限');
    expect(owner.text).toContain('契約「基本契約」の解約通知期限');
    expect(owner.text).toContain('契約「基本契約」の満了日');
    expect(owner.text).toContain('プライバシーマークの有効期限');
    expect(owner.html).toContain('href="http://localhost:3000/vendors/');

    // Test users speak English.
    const compliance = byRecipient.get('compliance@example.test')!;
    expect(compliance.subject).toBe('[Vendor oversight] Deadlines needing attention: 3');
    expect(compliance.text).toMatch(/finding “ログ保管” due \d{4}-\d{2}-\d{2} \(in 3 days\)/);
    expect(compliance.text).toContain('last day to object to subcontractor “再委託株式会社”');
    const legal = byRecipient.get('legal@example.test')!;
    expect(legal.text).toContain('notice deadline for contract “基本契約”');
    expect(legal.text).toContain('Contracts missing required clauses: 1 vendors, 1 clauses');
    expect(byRecipient.get('fixer@example.test')!.text).toContain('指摘事項「ログ保管」の対応期限');

    const second = await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
    expect(second.body).toEqual({ created: 0, sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(4);

    const ledger = (await t.http.get('/api/v1/notifications?pageSize=200').set(...bearer(await t.tokenFor('compliance'))).expect(200)).body;
    expect(ledger.total).toBe(first.body.created);
    expect(ledger.items.map((row: { status: string; attempts: number }) => `${row.status}/${row.attempts}`)).toEqual(Array(12).fill('sent/1'));
    const rendered = (await t.http.get(`/api/v1/notifications/${ledger.items[0].id}/message`).set(...bearer(admin)).expect(200)).body;
    expect(rendered).toMatchObject({ subject: expect.stringMatching(/^\[/), text: expect.any(String), html: expect.stringContaining('<html'), outcome: 'sent' });
    await t.http.get('/api/v1/notifications').set(...bearer(await t.tokenFor('legal'))).expect(403);
    await t.http.post('/api/v1/reminders/run').set(...bearer(await t.tokenFor('compliance'))).send({}).expect(403);
    await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({ asOf: 'tomorrow' }).expect(400);
  });
});

describe('reminder thresholds set by an admin', () => {
  it('sends at the configured number of days, and refuses nonsense', async () => {
    const t = await createTestApp();
    try {
      const admin = await t.tokenFor('admin');
      const vendor = await activeVendor(t, { ownerEmail: 'owner@example.test' });
      await newContract(t, vendor.id, { expiresOn: addDays(today(t), 100) });
      const run = () => t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200);
      const expiryReminders = async () =>
        (await t.http.get('/api/v1/notifications?pageSize=200').set(...bearer(admin)).expect(200)).body.items.filter((row: { rule: string }) => row.rule === 'contract-expiry');
      await run();
      expect(await expiryReminders()).toEqual([]); // 100 days out: past the default 90
      const settings = (await t.http.get('/api/v1/settings').set(...bearer(admin)).expect(200)).body;
      expect(settings.reminderDays).toEqual({ auditDueDays: [30, 7], contractExpiryDays: [90, 30], noticeDeadlineDays: [30, 7], findingDueDays: [7], certificateExpiryDays: [60], objectionDeadlineDays: [3] });
      const bad = await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: 0, reminderDays: { contractExpiryDays: [0] } }).expect(400);
      expect(bad.body.message[0]).toMatch(/^reminderDays\.contractExpiryDays: /);
      await t.http.patch('/api/v1/settings').set(...bearer(admin)).send({ version: 0, reminderDays: { contractExpiryDays: [120, 30] } }).expect(200);
      await run();
      const rows = await expiryReminders();
      expect(rows.map((row: { threshold: string; recipient: string }) => `${row.threshold}→${row.recipient}`).sort()).toEqual(['120→legal@example.test', '120→owner@example.test']);
    } finally {
      await t.close();
    }
  });
});

describe('SMTP down, then back', () => {
  it('records the failure, retries on a later run after the backoff, and loses or doubles nothing', async () => {
    const smtp = new TestSmtpServer();
    await smtp.start();
    const port = smtp.port;
    await smtp.stop(); // nothing listens there now
    const t = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      await seedDeadlines(t);
      const admin = await t.tokenFor('admin');
      const down = (await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200)).body;
      expect(down).toEqual({ created: 12, sent: 0, failed: 12 });
      const failed = (await t.http.get('/api/v1/notifications?status=failed&pageSize=200').set(...bearer(admin)).expect(200)).body;
      expect(failed.total).toBe(down.created);
      expect(failed.items[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/) });

      await smtp.start(port);
      // Before the backoff: nothing is retried yet.
      expect((await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200)).body).toEqual({ created: 0, sent: 0, failed: 0 });
      t.clock.advance(6 * 60_000);
      const back = (await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200)).body;
      expect(back).toEqual({ created: 0, sent: down.created, failed: 0 });
      expect(smtp.received).toHaveLength(4);
      const sent = (await t.http.get('/api/v1/notifications?status=sent&pageSize=200').set(...bearer(admin)).expect(200)).body;
      expect(sent.total).toBe(down.created);
      expect(sent.items.map((row: { attempts: number }) => row.attempts)).toEqual(Array(12).fill(2));
    } finally {
      await t.close();
      await smtp.stop();
    }
  });
});

describe('no SMTP configured (the embedded default)', () => {
  it('renders the e-mails into DATA_DIR/outbox and keeps them in the ledger', async () => {
    const t = await createTestApp();
    try {
      await seedDeadlines(t);
      const result = (await t.http.post('/api/v1/reminders/run').set(...bearer(await t.tokenFor('admin'))).send({}).expect(200)).body;
      expect(result).toEqual({ created: 12, sent: 12, failed: 0 });
      const files = readdirSync(join(t.config.dataDir, 'outbox'));
      expect(files).toHaveLength(4);
      expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('three runners at once over hundreds of due reminders', () => {
  /**
   * On MySQL/MariaDB: three app instances, each with its own connection pool, on one database. On
   * SQLite (one instance by design: one process owns the file) three runs at once in one instance.
   */
  it('delivers each reminder exactly once', async () => {
    const smtp = await new TestSmtpServer().start();
    const database = await createTestDatabase({ shareable: true });
    const env = { SMTP_URL: smtp.url };
    const first = await createTestApp({ env, database });
    const others = database.kind === 'sqlite' ? [] : [await createTestApp({ env, database }), await createTestApp({ env, database })];
    try {
      const vendor = await activeVendor(first, { ownerEmail: null });
      const compliance = await first.tokenFor('compliance');
      const audit = await newAudit(first, vendor.id, { kind: 'remote', scheduledFor: today(first) });
      const now = new Date();
      const findings = Array.from({ length: 300 }, (_, n) =>
        Object.assign(new Finding(), {
          auditId: audit.id, vendorId: vendor.id, title: `指摘 ${n}`, severity: 'low', clauseType: null, dueOn: addDays(today(first), 3),
          ownerEmail: `owner-${n % 50}@example.test`, status: 'open', resolutionNote: null, closedOn: null, version: 1, createdAt: now, updatedAt: now,
        }),
      );
      await runInTransaction(first.dataSource, async (manager) => {
        for (let start = 0; start < findings.length; start += 100) await manager.save(findings.slice(start, start + 100));
      });

      const runners = others.length > 0 ? [first, ...others].map((app) => app.app.get(RemindersService)) : Array.from({ length: 3 }, () => first.app.get(RemindersService));
      const results = await Promise.all(runners.map((runner) => runner.run()));
      const created = results.reduce((sum, result) => sum + result.created, 0);
      const sent = results.reduce((sum, result) => sum + result.sent, 0);
      expect(created).toBe(600); // 300 findings × (owner + compliance)
      expect(sent).toBe(600);
      expect(results.every((result) => result.failed === 0)).toBe(true);

      const rows: Array<{ status: string; messageId: string; attempts: number | string }> = await first.dataSource.query('SELECT status, messageId, attempts FROM notifications');
      expect(rows).toHaveLength(600);
      expect(rows.every((row) => row.status === 'sent' && Number(row.attempts) === 1)).toBe(true);
      // 51 recipients, one e-mail each, and the items in all e-mails add up to the 600 reminders.
      expect(smtp.received).toHaveLength(51);
      expect(new Set(smtp.received.map((mail) => mail.to)).size).toBe(51);
      expect(new Set(rows.map((row) => row.messageId)).size).toBe(51);
      // Item lines: "- " in English (compliance), "・" in Japanese (owners who are not users).
      const items = smtp.received.reduce((sum, mail) => sum + (mail.text.match(/^(- |・)/gm) ?? []).length, 0);
      expect(items).toBe(600);
    } finally {
      for (const app of others) await app.close();
      await first.close();
      await database.drop();
      await smtp.stop();
    }
  }, 120_000);
});

describe('a recipient with a very long list', () => {
  /**
   * 800 findings due for one owner make an e-mail of about 140 kB of text, more than a MySQL/MariaDB
   * TEXT column (65,535 bytes) holds: the e-mail still goes out whole, every reminder is marked sent,
   * and the copy kept for the record is shortened, saying so.
   */
  it('sends the whole e-mail and keeps a shortened copy for the record', async () => {
    const smtp = await new TestSmtpServer().start();
    const t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    try {
      const vendor = await activeVendor(t, { ownerEmail: null });
      const audit = await newAudit(t, vendor.id);
      const now = new Date();
      const findings = Array.from({ length: 800 }, (_, n) =>
        Object.assign(new Finding(), {
          auditId: audit.id, vendorId: vendor.id, title: `アクセスログの保存期間が契約の定めより短い(${n})`, severity: 'low', clauseType: null, dueOn: addDays(today(t), 3),
          ownerEmail: 'busy.owner@example.test', status: 'open', resolutionNote: null, closedOn: null, version: 1, createdAt: now, updatedAt: now,
        }),
      );
      await runInTransaction(t.dataSource, async (manager) => {
        for (let start = 0; start < findings.length; start += 100) await manager.save(findings.slice(start, start + 100));
      });
      const admin = await t.tokenFor('admin');
      const run = (await t.http.post('/api/v1/reminders/run').set(...bearer(admin)).send({}).expect(200)).body;
      expect(run).toEqual({ created: 1600, sent: 1600, failed: 0 }); // the owner's 800 and the compliance user's 800
      const owner = smtp.received.find((mail) => mail.to === 'busy.owner@example.test')!;
      expect(owner.text.match(/^・/gm)).toHaveLength(800);
      expect(Buffer.byteLength(owner.text)).toBeGreaterThan(65_535);

      const [row] = (await t.http.get('/api/v1/notifications?recipient=busy.owner@example.test&pageSize=1').set(...bearer(admin)).expect(200)).body.items;
      const record = (await t.http.get(`/api/v1/notifications/${row.id}/message`).set(...bearer(admin)).expect(200)).body;
      expect(record.outcome).toBe('sent');
      for (const body of [record.text, record.html]) {
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(65_535);
        expect(body).toMatch(/… \(shortened for the record: the e-mail had [\d,]+ bytes\)$/);
      }
      expect(owner.text.startsWith(record.text.slice(0, record.text.lastIndexOf('\n…')))).toBe(true);
    } finally {
      await t.close();
      await smtp.stop();
    }
  }, 120_000);
});

describe('the daily reminder job', () => {
  it('runs at REMINDER_TIME in ORG_TIMEZONE when the scheduler is on, and not at all when it is off', async () => {
    const on = await createTestApp({ env: { SCHEDULER_ENABLED: 'true', REMINDER_TIME: '07:30', ORG_TIMEZONE: 'Asia/Tokyo' } });
    try {
      expect(on.app.get(ScheduledJobs).timerOf('reminders-daily')).toEqual({ cron: '30 7 * * *', timeZone: 'Asia/Tokyo' });
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
