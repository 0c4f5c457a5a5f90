import { IncidentClock } from '../src/reminders/incident-clock';
import { RemindersService } from '../src/reminders/reminders.service';
import { activeVendor, newIncident } from './support/factories';
import { TestSmtpServer } from './support/smtp';
import { bearer, createTestApp, TestApp, USER_PASSWORD } from './support/test-app';
import { createTestDatabase } from './support/test-database';

const HOUR = 3_600_000;
const engine = process.env.DATABASE_URL ?? '';
const SEVERAL_INSTANCES = /^(mysql|mariadb):/.test(engine);

/**
 * Three app instances (each its own connection pool) on one MySQL/MariaDB database run the 15-minute
 * incident job at the same time, twice (at 2 hours before the deadlines and past them), beside the
 * daily reminder job: each reminder is recorded and sent exactly once. SQLite is one instance by
 * design (one process owns the file): there the test is skipped — run it with DATABASE_URL=mariadb://….
 */
(SEVERAL_INSTANCES ? describe : describe.skip)('three instances run the 15-minute incident job at once (MySQL/MariaDB only; skipped on SQLite: one instance by design)', () => {
  it('sends each incident reminder exactly once', async () => {
    const smtp = await new TestSmtpServer().start();
    const database = await createTestDatabase({ shareable: true });
    const env = { SMTP_URL: smtp.url };
    const apps: TestApp[] = [await createTestApp({ env, database })];
    apps.push(await createTestApp({ env, database }), await createTestApp({ env, database }));
    const [first] = apps;
    try {
      // Two compliance officers, 12 vendors with two incidents each: 24 GDPR notifications due in 2 hours.
      await first.tokenFor('compliance');
      const admin = await first.tokenFor('admin');
      await first.http.post('/api/v1/users').set(...bearer(admin)).send({ email: 'second@example.test', name: 'Second', role: 'compliance', locale: 'ja', password: USER_PASSWORD }).expect(201);
      const awareAt = new Date(first.clock.now().getTime() - 70 * HOUR).toISOString();
      const titles: string[] = [];
      for (let vendor = 0; vendor < 12; vendor += 1) {
        const { id } = await activeVendor(first, { name: `並行確認株式会社 ${vendor}` });
        for (const n of [1, 2]) {
          const title = `事案 ${vendor}-${n}`;
          titles.push(title);
          await newIncident(first, id, { title, awareAt, notifiedAt: null, euUkDataSubjects: true });
        }
      }

      const runAll = () => Promise.all(apps.flatMap((app) => [app.app.get(IncidentClock).run(), app.app.get(RemindersService).run()]));
      const total = (results: Array<{ created: number; sent: number; failed: number }>, key: 'created' | 'sent' | 'failed') => results.reduce((sum, result) => sum + result[key], 0);

      const check = async (rule: string, expected: number) => {
        const rows: Array<{ ruleCode: string; status: string; attempts: number | string; recipient: string; subjectId: string }> = await first.dataSource.query(
          'SELECT ruleCode, status, attempts, recipient, subjectId FROM notifications WHERE ruleCode = ?', [rule],
        );
        expect(rows).toHaveLength(expected);
        expect(rows.filter((row) => row.status !== 'sent' || Number(row.attempts) !== 1)).toEqual([]);
        // Each (obligation, recipient) once in the ledger, and once in what the SMTP server received.
        expect(new Set(rows.map((row) => `${row.subjectId}/${row.recipient}`)).size).toBe(expected);
      };
      const mentions = (recipient: string, title: string) =>
        smtp.received.filter((mail) => mail.to === recipient).reduce((sum, mail) => sum + mail.text.split('\n').filter((line) => line.includes(`“${title}”`) || line.includes(`「${title}」`)).length, 0);

      const firstRun = await runAll();
      // 48 incident reminders (24 obligations × 2 officers) and, from the daily job, the audit each incident
      // calls for within 30 days (12 vendors × 2 officers): each recorded and sent once, whichever runner did it.
      expect([total(firstRun, 'created'), total(firstRun, 'sent'), total(firstRun, 'failed')]).toEqual([72, 72, 0]);
      await check('incident-report-due', 48);
      await check('audit-due', 24);
      for (const recipient of ['compliance@example.test', 'second@example.test']) {
        expect(titles.map((title) => mentions(recipient, title))).toEqual(titles.map(() => 1));
      }

      // Three hours later, past the deadlines: every vendor is 要是正 and each overdue reminder goes out once.
      for (const app of apps) app.clock.advance(3 * HOUR);
      const received = smtp.received.length;
      const secondRun = await runAll();
      expect([total(secondRun, 'created'), total(secondRun, 'sent'), total(secondRun, 'failed')]).toEqual([48, 48, 0]);
      await check('incident-report-overdue', 48);
      for (const recipient of ['compliance@example.test', 'second@example.test']) {
        const overdue = smtp.received.slice(received).filter((mail) => mail.to === recipient);
        const lines = overdue.flatMap((mail) => mail.text.split('\n')).filter((line) => titles.some((title) => line.includes(title)));
        expect(lines).toHaveLength(24);
      }
      const statuses: Array<{ complianceStatus: string; n: number | string }> = await first.dataSource.query('SELECT complianceStatus, COUNT(*) AS n FROM vendors GROUP BY complianceStatus');
      expect(statuses.map((row) => [row.complianceStatus, Number(row.n)])).toEqual([['non-compliant', 12]]);

      // A third round at once: nothing new anywhere.
      const quiet = await runAll();
      expect([total(quiet, 'created'), total(quiet, 'sent')]).toEqual([0, 0]);
    } finally {
      for (const app of apps.slice(1)) await app.close();
      await first.close();
      await database.drop();
      await smtp.stop();
    }
  }, 240_000);
});
