import { performance } from 'node:perf_hooks';
import { ComplianceService } from '../src/compliance/compliance.service';
import { seedRegister } from '../src/bench/seed-register';
import { addDays, addMonths } from '../src/rules/calendar';
import { CLAUSE_TYPES } from '../src/rules/clause-types';
import { ActionVendor, vendorActions } from '../src/rules/actions';
import { WORK_QUEUES } from '../src/rules/work-queues';
import { newAudit, newFinding, today } from './support/factories';
import { ADMIN_EMAIL, bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * Every page with 10,000 vendors (each with a contract in force and its 16 checklist items, flags
 * stored by the engine): each page's content is checked against the database first, then its median
 * time is printed. Times are measured, not asserted: the test machine is shared and its load varies, so
 * a time bound would flake. What guards against regressions without flaking: the query counts at two
 * register sizes (test/query-count.e2e-spec.ts) and the index-only query plans of the lists
 * (test/list-scale.e2e-spec.ts); the README's benchmark (`npm run bench`) reports p50/p95 and growth.
 */
const VENDORS = 10_000;
const RUNS = 5;
const VENDOR_PAGE = 50;
const FLAG_VENDORS_PAGE = 20;

const seededName = (n: number) => `委託先 ${String(n).padStart(5, '0')}`;
const namesOf = (html: string) => [...html.matchAll(/<tr><td><a href="\/vendors\/[0-9a-f-]{36}">([^<]+)<\/a><\/td>/g)].map((match) => match[1]);
/** The dashboard's count tables: `href="/vendors?<key>=<value>"…<td class="num">N</td>` → {value: N}, rows of 0 left out. */
const countsOf = (html: string, key: string) =>
  Object.fromEntries([...html.matchAll(new RegExp(`href="/vendors\\?${key}=([a-z-]+)"[^>]*>[^<]*</a></td><td class="num">([\\d,]+)</td>`, 'g'))]
    .map((match): [string, number] => [match[1], Number(match[2].replace(/,/g, ''))]).filter(([, n]) => n !== 0));
/** The flags page: the vendors' headings in order, and every flag shown. */
const flagPageOf = (html: string) => ({
  vendors: [...html.matchAll(/<h2 id="v-[0-9a-f-]{36}"><a href="\/vendors\/([0-9a-f-]{36})">/g)].map((match) => match[1]),
  flags: [...html.matchAll(/data-flag="([^"]+)"/g)].map((match) => match[1]),
});

describe(`admin UI speed with ${VENDORS} vendors`, () => {
  let t: TestApp;
  let admin: PageSession;
  let vendorId: string;
  let contractId: string;
  const sql = async <T>(query: string, parameters: unknown[] = []): Promise<T[]> => t.dataSource.query(query, parameters);
  const count = async (query: string, parameters: unknown[] = []) => Number((await sql<{ n: number | string }>(query, parameters))[0].n);
  /** The flags page as the database has it: vendors with a stored flag (of the code), by name, and their flags. */
  const expectedFlagPage = async (page: number, code?: string) => {
    const filter = code ? 'WHERE code = ?' : '';
    const vendors = (await sql<{ id: string }>(
      `SELECT id FROM vendors WHERE id IN (SELECT vendorId FROM vendor_flags ${filter}) ORDER BY name, id LIMIT ${FLAG_VENDORS_PAGE} OFFSET ${(page - 1) * FLAG_VENDORS_PAGE}`,
      code ? [code] : [],
    )).map((row) => row.id);
    const flags = await count(`SELECT COUNT(*) AS n FROM vendor_flags WHERE vendorId IN (${vendors.map(() => '?').join(', ')})${code ? ' AND code = ?' : ''}`, [...vendors, ...(code ? [code] : [])]);
    return { vendors, flags };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, 'admin');
    const seeded = await seedRegister(t.dataSource, VENDORS);
    [vendorId, contractId] = [seeded.vendorIds[42], seeded.contractIds[42]];
    await t.app.get(ComplianceService).recomputeAll();
    // Something for the audit, finding and reminder pages to show: an audit of one vendor, its finding due
    // in three days with an owner, and the reminder run that puts the finding in the ledger.
    const audit = await newAudit(t, vendorId, { kind: 'on-site', scheduledFor: today(t) });
    await newFinding(t, audit.id, { title: '性能確認の指摘', severity: 'medium', dueOn: addDays(today(t), 3), ownerEmail: 'fixer@example.test' });
    await t.http.post('/api/v1/reminders/run').set(...bearer(await t.tokenFor('admin'))).send({}).expect(200);
  }, 600_000);
  afterAll(() => t.close());

  it('shows the seeded register on every page', async () => {
    const page = async (path: string) => (await admin.get(path).expect(200)).text;

    const dashboard = await page('/');
    const byStatus = await sql<{ key: string; n: number | string }>('SELECT complianceStatus AS "key", COUNT(*) AS n FROM vendors GROUP BY complianceStatus');
    expect(countsOf(dashboard, 'complianceStatus')).toEqual(Object.fromEntries(byStatus.map((row) => [row.key, Number(row.n)])));
    expect(Object.values(countsOf(dashboard, 'complianceStatus')).reduce((sum, n) => sum + n, 0)).toBe(VENDORS);
    const byCode = await sql<{ key: string; n: number | string }>('SELECT code AS "key", COUNT(*) AS n FROM vendor_flags GROUP BY code');
    expect(countsOf(dashboard, 'flag')).toEqual(Object.fromEntries(byCode.map((row) => [row.key, Number(row.n)])));

    const vendors = await page('/vendors');
    expect(namesOf(vendors)).toEqual(Array.from({ length: VENDOR_PAGE }, (_, n) => seededName(n)));
    expect(vendors).toContain(`aria-label="1 / ${VENDORS / VENDOR_PAGE}ページ(全${VENDORS}件)"`);
    expect(namesOf(await page('/vendors?page=150'))).toEqual(Array.from({ length: VENDOR_PAGE }, (_, n) => seededName(149 * VENDOR_PAGE + n)));
    const missing = await sql<{ name: string }>(
      `SELECT name FROM vendors WHERE id IN (SELECT vendorId FROM vendor_flags WHERE code = 'missing-clause') ORDER BY name LIMIT ${VENDOR_PAGE}`,
    );
    expect(missing).toHaveLength(VENDOR_PAGE);
    expect(namesOf(await page('/vendors?flag=missing-clause'))).toEqual(missing.map((row) => row.name));
    const searched = (await t.http.get('/api/v1/vendors?q=0042&riskTier=medium&sort=-complianceStatus').set(...bearer(await t.tokenFor('admin'))).expect(200)).body;
    // 委託先 00042 and 00420–00429, all stored as medium by the seed.
    expect(searched.total).toBe(11);
    expect(namesOf(await page('/vendors?q=0042&riskTier=medium&sort=-complianceStatus'))).toEqual(searched.items.map((vendor: { name: string }) => vendor.name));

    const vendor = await page(`/vendors/${vendorId}`);
    expect(vendor).toContain(`<h1 data-testid="vendor-name">${seededName(42)}</h1>`);
    expect(vendor).toContain(`href="/contracts/${contractId}"`);
    expect((await page(`/contracts/${contractId}`)).match(/<tr data-clause=/g)).toHaveLength(CLAUSE_TYPES.length);

    for (const [path, pageNumber, code] of [['/flags', 1, undefined], ['/flags?page=300', 300, undefined], ['/flags?code=missing-clause', 1, 'missing-clause']] as const) {
      const expected = await expectedFlagPage(pageNumber, code);
      expect(expected.vendors).toHaveLength(FLAG_VENDORS_PAGE);
      const shown = flagPageOf(await page(path));
      expect([path, shown.vendors, shown.flags.length]).toEqual([path, expected.vendors, expected.flags]);
      if (code) expect(shown.flags.filter((flag) => !flag.startsWith(`${code}:`))).toEqual([]);
    }

    expect(namesOf(await page('/audits'))).toEqual([]); // the audit list's first column is the date
    expect(await page('/audits')).toMatch(new RegExp(`<tr><td>${today(t)}</td><td><a href="/vendors/${vendorId}">${seededName(42)}</a></td>`));
    expect((await page('/audits?view=calendar')).match(new RegExp(`<a href="/vendors/${vendorId}">${seededName(42)}</a>`, 'g'))).toHaveLength(1);
    expect(await page('/findings')).toMatch(new RegExp(`<td><a href="/vendors/${vendorId}">${seededName(42)}</a></td><td>性能確認の指摘</td>`));
    // The reminder run wrote one audit-overdue reminder per vendor for the compliance user (none has had an audit), and the finding's.
    const ledger = await page('/notifications');
    const reminders = await count('SELECT COUNT(*) AS n FROM notifications');
    expect(reminders).toBeGreaterThan(VENDORS);
    expect(ledger).toContain(`aria-label="1 / ${Math.ceil(reminders / VENDOR_PAGE)}ページ(全${reminders}件)"`);
    expect(ledger.match(/<tr><td>\d{4}-\d{2}-\d{2}<\/td><td>[^<]+ <span class="muted">/g)).toHaveLength(VENDOR_PAGE);
    const catalogue = await page('/catalogue');
    expect(CLAUSE_TYPES.filter((clauseType) => !catalogue.includes(`<h2 id="ct-${clauseType.code}">`))).toEqual([]);
    expect(await page('/users')).toContain(`<tr><td>${ADMIN_EMAIL}</td>`);

    // The action list: as many items as the rule makes of the stored flags (counted here, vendor by vendor), on the
    // dashboard and the page, whose first page is the API's.
    const token = await t.tokenFor('admin');
    const api = async (path: string) => (await t.http.get(path).set(...bearer(token)).expect(200)).body;
    const stored = await sql<{ vendorId: string; code: string; severity: string; refId: string | null }>('SELECT vendorId, code, severity, refId FROM vendor_flags');
    const flagsByVendor = new Map<string, ActionVendor['flags'][number][]>();
    for (const row of stored) flagsByVendor.set(row.vendorId, [...(flagsByVendor.get(row.vendorId) ?? []), { code: row.code, severity: row.severity, ...(row.refId ? { refId: row.refId } : {}), params: {} }]);
    const expectedActions = [...flagsByVendor].reduce((sum, [id, flags]) => sum + vendorActions({ id, name: '', riskTier: 'low', ownerEmail: null, contractsInForce: [], openAuditId: null, flags }, today(t)).length, 0);
    expect(expectedActions).toBeGreaterThan(VENDORS);
    const number = (text: string) => Number(text.replace(/,/g, ''));
    expect(number(/<a href="\/actions">[^<]+<\/a><\/td><td class="num">([\d,]+)<\/td>/.exec(dashboard)![1])).toBe(expectedActions);
    const actions = await page('/actions');
    expect(number(/<p data-testid="actions-total">([\d,]+) 件<\/p>/.exec(actions)![1])).toBe(expectedActions);
    const firstActions = (await api('/api/v1/actions')) as { total: number; items: Array<{ kind: string; vendorId: string }> };
    expect(firstActions.total).toBe(expectedActions);
    expect([...actions.matchAll(/<tr data-action="([a-z-]+)" data-vendor="([0-9a-f-]{36})">/g)].map((match) => `${match[1]} ${match[2]}`)).toEqual(firstActions.items.map((item) => `${item.kind} ${item.vendorId}`));
    // The annual plan: every vendor's audit is due this year (activated 2020, never audited), as the API says.
    const plan = await page('/audit-plan');
    const planApi = (await api(`/api/v1/audit-plan?from=${today(t)}&to=${addDays(addMonths(today(t), 12), -1)}&pageSize=200`)) as { total: number; items: Array<{ vendorId: string }> };
    expect(number(/<p data-testid="plan-total">\D*([\d,]+)/.exec(plan)![1])).toBe(planApi.total);
    expect([...plan.matchAll(/<label for="select-([0-9a-f-]{36})">/g)].map((match) => match[1])).toEqual(planApi.items.map((item) => item.vendorId));
    // The work queues: each count on the dashboard is the total of its list, which the page shows; the audits of all
    // but the one vendor with a planned audit are due and unplanned, the 10 % of contracts ending on 2027-01-31 are renewals.
    const queues = Object.fromEntries([...dashboard.matchAll(/<tr data-queue="([a-z-]+)"><td><a href="[^"]+">[^<]+<\/a><\/td><td class="num">([\d,]+) (?:件|社)<\/td><\/tr>/g)].map((match) => [match[1], number(match[2])]));
    expect(Object.keys(queues)).toEqual(WORK_QUEUES.map((queue) => queue.id));
    expect(queues['audits-due-unplanned']).toBe(VENDORS - 1);
    expect(queues['contracts-renewal']).toBe(await count("SELECT COUNT(*) AS n FROM contracts WHERE expiresOn = '2027-01-31'"));
    expect(queues['findings-overdue']).toBe(await count("SELECT COUNT(*) AS n FROM vendor_flags WHERE code = 'finding-overdue'"));
    for (const queue of WORK_QUEUES.filter((entry) => entry.id !== 'my-open-items')) {
      expect([queue.id, ((await api(`/api/v1/work-queues/${queue.id}?pageSize=1`)) as { total: number }).total]).toEqual([queue.id, queues[queue.id]]);
    }
    const unplanned = await page('/work-queues/audits-due-unplanned');
    expect(unplanned).toContain(`<p data-testid="work-queue-total">${VENDORS - 1} 社</p>`);
    expect(unplanned.match(/data-testid="work-item-link"/g)).toHaveLength(VENDOR_PAGE);
    expect(await page('/settings')).toMatch(/id="high"[^>]*value="12"|value="12"[^>]*id="high"/);
    expect(await page('/account')).toContain(`<dd>${ADMIN_EMAIL}</dd>`);
  }, 300_000);

  it('renders every page and prints the medians', async () => {
    const pages = [
      '/', '/vendors', '/vendors?page=150', '/vendors?flag=missing-clause', '/vendors?q=0042&riskTier=medium&sort=-complianceStatus',
      // Questions across vendors: JSON lists, subcontractors and contracts probed by key, the stored audit dates and their sort.
      '/vendors?dataCategory=communications&abroad=true&contract=in-force&nextAuditDueBefore=2099-01-01&sort=nextAuditDue',
      `/vendors/${vendorId}`, `/contracts/${contractId}`, '/flags', '/flags?page=300', '/flags?code=missing-clause',
      '/audits', '/audits?view=calendar', '/findings', '/notifications', '/catalogue', '/users', '/settings', '/account',
      '/actions', '/actions?page=100', '/audit-plan', '/work-queues/audits-due-unplanned', '/work-queues/contracts-renewal',
    ];
    const medians: Record<string, number> = {};
    for (const path of pages) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        await admin.get(path).expect(200);
        times.push(performance.now() - started);
      }
      medians[path] = Math.round(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] * 10) / 10;
    }
    console.log(`page medians (ms) with ${VENDORS} vendors on ${t.config.database.kind}: ${JSON.stringify(medians, null, 1)}`);
    // Idle machine, 10,000 vendors: most pages 4–40 ms; over the 100 ms goal (see the README's benchmark):
    // the dashboard (SQLite 139 ms, MariaDB 232 ms) and /actions on MariaDB (495 ms), until the actions are
    // stored with the flags at recompute.
    expect(Object.keys(medians)).toEqual(pages);
  }, 300_000);
});
