import { EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { ComplianceService } from '../src/compliance/compliance.service';
import { AuditsService } from '../src/supervision/audits.service';
import { addDays, addMonths } from '../src/rules/calendar';
import { newVendor, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * The vendor, audit and finding lists read one page through an index in the list's own order: the
 * queries a page sends are the same with 100 vendors and with twenty times as many, and (on SQLite,
 * whose planner decides from the schema alone, so the plan cannot change from one run to the next)
 * no query sorts the matching rows in a temporary b-tree or scans a table without an index. A list
 * whose order has no index sorts every match (every vendor of a status, every tie of one
 * `updatedAt`) on each request: it fails here rather than in the benchmark.
 *
 * The audit plan and the audit calendar read the stored next audit dates the same way (a page of the
 * plan, a month's counts per day and a few names per day): besides the queries and their plans, the
 * rows the database returns to them are counted, and stay under a bound that does not depend on the
 * register (a plan that evaluated every supervised vendor read them all).
 */
const SMALL = 100;
const LARGE = 2_000;
const SORTS_OR_SCANS = /USE TEMP B-TREE FOR (?:ORDER BY|LAST TERM OF ORDER BY|RIGHT PART OF ORDER BY)|^SCAN (?:vendors|audits|findings)$/;
/**
 * The plan and the calendar: also no table scan under any alias and no grouping in a temporary b-tree
 * (a `bounded_…` derived table holds a LIMITed handful of rows: reading it back is no scan of a table).
 */
const PLAN_SORTS_OR_SCANS = /USE TEMP B-TREE|^SCAN (?!bounded_)\w+$/;
/** Rows one plan or calendar request may read back, at any register size (pages of 200 at most, a month of days). */
const PLAN_ROWS = 500;
/**
 * A search and the filters across vendors read the vendors that hold a stored term or facet (or a
 * subcontractor's country) through an index: no query walks a table (not even in an index's order,
 * testing each row; only the few rows a capped count reads are scanned). Sorting the few found is allowed.
 */
const SCANS = /^SCAN (?!capped\d*$)/;
/** A vendor each search below finds (added before the register grows, so both sizes hold them). */
const FOUND = [
  { name: '田中商事株式会社', reading: 'たなかしょうじ', dataCategories: ['communications' as const], dataLocations: ['JP', 'DE'] },
  { name: 'Acme Data Services', corporateNumber: '7000012050002', country: 'US' },
];

describe('the lists read a page through an index at any register size', () => {
  let t: TestApp;
  let viewer: string;
  let page: PageSession;
  let sent: Array<{ query: string; parameters: unknown[] }> = [];
  let rowsReturned = 0;
  const recorder: EntitySubscriberInterface = {
    beforeQuery: (event: { query: string; parameters?: unknown[]; queryRunner: QueryRunner }) => void sent.push({ query: event.query, parameters: event.parameters ?? [] }),
    afterQuery: (event: { rawResults?: unknown }) => void (rowsReturned += Array.isArray(event.rawResults) ? event.rawResults.length : 0),
  };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    page = await signIn(t, 'viewer');
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const paths = [
    '/api/v1/vendors', '/api/v1/vendors?status=active', '/api/v1/vendors?complianceStatus=non-compliant', '/api/v1/vendors?riskTier=medium',
    '/api/v1/vendors?sort=-updatedAt', '/api/v1/vendors?sort=updatedAt&page=3&pageSize=20', '/api/v1/vendors?status=active&page=2',
    '/api/v1/audits', '/api/v1/audits?status=completed', '/api/v1/findings', '/api/v1/findings?status=open',
    '/vendors?status=active', '/vendors?sort=-updatedAt', '/audits', '/findings', '/findings?status=open',
  ];
  /** The audit plan (a year, as the page opens) and the calendar (this month and one ahead). */
  const planPaths = () => {
    const from = today(t);
    const to = addDays(addMonths(from, 12), -1);
    return [
      `/api/v1/audit-plan?from=${from}&to=${to}`, `/api/v1/audit-plan?from=${from}&to=${to}&page=2&pageSize=20`, '/audit-plan',
      '/audits?view=calendar', `/audits?view=calendar&month=${addMonths(from, 2).slice(0, 7)}`,
    ];
  };

  /** On SQLite, the lines of the queries' plans that match a pattern (none on MariaDB: its plans depend on statistics). */
  const planLines = async (queries: Array<{ query: string; parameters: unknown[] }>, pattern: RegExp) => {
    const lines: string[] = [];
    if (t.dataSource.options.type !== 'better-sqlite3') return lines;
    for (const { query, parameters } of queries) {
      const plan: Array<{ detail: string }> = await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
      lines.push(...plan.map((line) => line.detail).filter((detail) => pattern.test(detail)));
    }
    return lines;
  };

  /** Searches and filters across vendors: their matches are counted, exactly, so every query counts. */
  const searches = [
    '/api/v1/vendors?q=%E7%94%B0%E4%B8%AD', '/api/v1/vendors?q=acme', '/api/v1/vendors?q=7000012050002', '/api/v1/vendors?q=%EF%BD%B1%EF%BD%B8%EF%BE%92',
    '/api/v1/vendors?dataCategory=communications&country=DE', '/api/v1/vendors?country=DE', '/api/v1/vendors?country=US&q=data', '/api/v1/vendors?dataCategory=my-number',
    '/vendors?q=%E3%81%9F%E3%81%AA%E3%81%8B',
  ];

  /** Per path: the number of queries sent, the plan lines that sort or scan, and the list's total and first item. */
  const measure = async () => {
    const measured: Record<string, { queries: number; sortsOrScans: string[] }> = {};
    const answers: Record<string, { total: number; first: string }> = {};
    t.dataSource.subscribers.push(recorder);
    for (const path of [...paths, ...searches]) {
      sent = [];
      const response = path.startsWith('/api/') ? await t.http.get(path).set(...bearer(viewer)).expect(200) : await page.get(path).expect(200);
      // TypeORM leaves out a list's COUNT when page 1 is not full (the small register's findings): counts
      // are not compared, their plans are.
      const queries = [...sent].filter(({ query }) => /^\s*SELECT/i.test(query));
      const searching = searches.includes(path);
      const sortsOrScans = (await planLines(queries, searching ? SCANS : SORTS_OR_SCANS)).map((line) => `${path}: ${line}`);
      const counted = searching ? queries : queries.filter(({ query }) => !/^\s*SELECT COUNT\(/i.test(query));
      measured[path] = { queries: counted.length, sortsOrScans };
      if (path.startsWith('/api/')) answers[path] = { total: response.body.total, first: response.body.items[0]?.id };
    }
    t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    return { measured, answers };
  };

  /** Per plan or calendar path: the queries sent, the rows they returned, the plan lines that sort or scan, and the plan's total. */
  const measurePlan = async () => {
    const measured: Record<string, { queries: number; rows: number; sortsOrScans: string[] }> = {};
    const totals: Record<string, number> = {};
    t.dataSource.subscribers.push(recorder);
    for (const path of planPaths()) {
      sent = [];
      rowsReturned = 0;
      const response = path.startsWith('/api/') ? await t.http.get(path).set(...bearer(viewer)).expect(200) : await page.get(path).expect(200);
      const rows = rowsReturned;
      const queries = [...sent].filter(({ query }) => /^\s*SELECT/i.test(query));
      const sortsOrScans = await planLines(queries, PLAN_SORTS_OR_SCANS);
      // As above: a page-1 COUNT is left out when the page is not full; its plan is checked, not counted.
      measured[path] = { queries: queries.filter(({ query }) => !/^\s*SELECT COUNT\(/i.test(query)).length, rows, sortsOrScans };
      if (path.startsWith('/api/')) totals[path] = response.body.total;
    }
    t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    return { measured, totals };
  };

  it(`sends the same queries, none sorting every match, with ${SMALL} and with ${LARGE} vendors`, async () => {
    for (const vendor of FOUND) await newVendor(t, vendor);
    await seedRegister(t.dataSource, SMALL, { records: true });
    await t.app.get(ComplianceService).recomputeAll();
    const small = await measure();
    const smallPlan = await measurePlan();
    await seedRegister(t.dataSource, LARGE - SMALL, { records: true });
    await t.app.get(ComplianceService).recomputeAll();
    const large = await measure();
    const largePlan = await measurePlan();

    // The register did grow, and the lists show it: every list has rows, the totals are the database's.
    const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    expect(large.answers['/api/v1/vendors'].total).toBe(await count('SELECT COUNT(*) AS n FROM vendors'));
    expect(large.answers['/api/v1/vendors?status=active'].total).toBe(await count("SELECT COUNT(*) AS n FROM vendors WHERE status = 'active'"));
    expect(large.answers['/api/v1/audits'].total).toBe(await count('SELECT COUNT(*) AS n FROM audits'));
    expect(large.answers['/api/v1/findings?status=open'].total).toBe(await count("SELECT COUNT(*) AS n FROM findings WHERE status = 'open'"));
    expect(large.answers['/api/v1/vendors'].total).toBeGreaterThanOrEqual(LARGE);
    expect(large.answers['/api/v1/audits'].total).toBeGreaterThan(10 * small.answers['/api/v1/audits'].total);
    for (const path of paths.filter((path) => path.startsWith('/api/'))) expect([path, typeof large.answers[path].first]).toEqual([path, 'string']);
    // The newest change first, ties by id in the same direction (the (updatedAt, id) index's order).
    const newest = (await t.dataSource.query('SELECT id FROM vendors ORDER BY updatedAt DESC, id DESC LIMIT 1'))[0].id;
    expect(large.answers['/api/v1/vendors?sort=-updatedAt'].first).toBe(newest);

    // The searches find what they found at the small size (the seeded names hold neither 田中 nor Acme).
    const [tanaka, acme] = (await t.dataSource.query("SELECT id FROM vendors WHERE name IN ('田中商事株式会社', 'Acme Data Services') ORDER BY name DESC")).map((row: { id: string }) => row.id);
    const found = (path: string) => [large.answers[path].total, large.answers[path].first];
    expect(found('/api/v1/vendors?q=%E7%94%B0%E4%B8%AD')).toEqual([1, tanaka]);
    expect(found('/api/v1/vendors?q=acme')).toEqual([1, acme]);
    expect(found('/api/v1/vendors?q=7000012050002')).toEqual([1, acme]);
    expect(found('/api/v1/vendors?q=%EF%BD%B1%EF%BD%B8%EF%BE%92')).toEqual([0, undefined]);
    expect(found('/api/v1/vendors?dataCategory=communications&country=DE')).toEqual([1, tanaka]);
    expect(found('/api/v1/vendors?country=US&q=data')).toEqual([1, acme]);
    expect(large.answers['/api/v1/vendors?country=DE'].total).toBe(1);
    for (const path of searches.filter((path) => path.startsWith('/api/'))) expect([path, large.answers[path]]).toEqual([path, small.answers[path]]);

    expect(large.measured).toEqual(small.measured);
    expect(Object.values(large.measured).flatMap(({ sortsOrScans }) => sortsOrScans)).toEqual([]);

    // The plan: every vendor whose stored next audit falls due in the year, counted; a page of them read.
    const [year] = planPaths();
    const dueInYear = new URL(year, 'http://x').searchParams;
    const stored = await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors WHERE nextAuditDue BETWEEN ? AND ?', [dueInYear.get('from'), dueInYear.get('to')]);
    expect(largePlan.totals[year]).toBe(Number(stored[0].n));
    expect(largePlan.totals[year]).toBeGreaterThan(10 * smallPlan.totals[year]);
    const shape = (measured: typeof largePlan.measured) => Object.fromEntries(Object.entries(measured).map(([path, { queries, sortsOrScans }]) => [path, { queries, sortsOrScans }]));
    expect(shape(largePlan.measured)).toEqual(shape(smallPlan.measured));
    for (const [path, { rows, sortsOrScans }] of Object.entries(largePlan.measured)) expect([path, rows <= PLAN_ROWS, sortsOrScans]).toEqual([path, true, []]);
  }, 300_000);

  it('takes the total of the whole register, a compliance status or a tier from the stored counts, not by counting vendors', async () => {
    const count = async (where: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM vendors${where}`))[0].n);
    const cases: Array<[string, string]> = [
      ['/api/v1/vendors', ''],
      ['/api/v1/vendors?complianceStatus=non-compliant', " WHERE complianceStatus = 'non-compliant'"],
      ['/api/v1/vendors?riskTier=medium&sort=-updatedAt', " WHERE riskTier = 'medium'"],
      ['/api/v1/vendors?complianceStatus=at-risk&riskTier=high&page=2', " WHERE complianceStatus = 'at-risk' AND riskTier = 'high'"],
    ];
    t.dataSource.subscribers.push(recorder);
    try {
      for (const [path, where] of cases) {
        const held = await count(where);
        sent = [];
        const { total } = (await t.http.get(path).set(...bearer(viewer)).expect(200)).body;
        // Exactly what the database holds, and read without a count of vendors.
        expect([path, total]).toEqual([path, held]);
        expect([path, sent.filter(({ query }) => /COUNT\(/i.test(query)).map(({ query }) => query)]).toEqual([path, []]);
      }
    } finally {
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    }
  });

  it('takes the audit and finding lists\' totals (all, by status, by severity) and the open findings by severity from the stored counts', async () => {
    const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    // The seeded register holds completed audits and open findings only: some of every other status too.
    const admin = await t.tokenFor('admin');
    const seeded: Array<{ id: string; vendorId: string }> = await t.dataSource.query("SELECT id, vendorId FROM audits WHERE status = 'completed' ORDER BY id LIMIT 3");
    for (const [n, audit] of seeded.entries()) {
      const finding = await t.http.post(`/api/v1/audits/${audit.id}/findings`).set(...bearer(admin)).send({ title: `low ${n}`, severity: 'low', dueOn: today(t) }).expect(201);
      if (n > 0) await t.http.patch(`/api/v1/findings/${finding.body.id}`).set(...bearer(admin)).send({ version: finding.body.version, status: 'resolved', resolutionNote: 'fixed' }).expect(200);
      const planned = await t.http.post(`/api/v1/vendors/${audit.vendorId}/audits`).set(...bearer(admin)).send({ kind: 'remote', scheduledFor: addDays(today(t), 30 + n) }).expect(201);
      if (n === 2) await t.http.patch(`/api/v1/audits/${planned.body.id}`).set(...bearer(admin)).send({ version: planned.body.version, status: 'cancelled' }).expect(200);
    }
    const cases: Array<[string, string]> = [
      ['/api/v1/audits', 'audits'],
      ['/api/v1/audits?status=completed&page=2', "audits WHERE status = 'completed'"],
      ['/api/v1/audits?status=planned', "audits WHERE status = 'planned'"],
      ['/api/v1/audits?status=cancelled', "audits WHERE status = 'cancelled'"],
      ['/api/v1/findings', 'findings'],
      ['/api/v1/findings?status=open', "findings WHERE status = 'open'"],
      ['/api/v1/findings?severity=low', "findings WHERE severity = 'low'"],
      ['/api/v1/findings?status=open&severity=high&pageSize=5', "findings WHERE status = 'open' AND severity = 'high'"],
      ['/api/v1/findings?status=resolved&severity=low', "findings WHERE status = 'resolved' AND severity = 'low'"],
    ];
    /** The counts of rows each request sent (none expected), by path. */
    const counting: Array<[string, string]> = [];
    const countsSent = (path: string) => counting.push(...sent.filter(({ query }) => /COUNT\(/i.test(query)).map(({ query }): [string, string] => [path, query]));
    t.dataSource.subscribers.push(recorder);
    try {
      for (const [path, from] of cases) {
        const held = await count(`SELECT COUNT(*) AS n FROM ${from}`);
        sent = [];
        const { total, items } = (await t.http.get(path).set(...bearer(viewer)).expect(200)).body;
        // Exactly what the database holds (a page of it shown), and read without a count of records.
        expect([path, total, items.length > 0 || held === 0]).toEqual([path, held, true]);
        countsSent(path);
      }
      for (const path of ['/audits', '/audits?status=completed', '/findings', '/findings?status=open&severity=high']) {
        sent = [];
        await page.get(path).expect(200);
        countsSent(path);
      }
      sent = [];
      const open = Object.fromEntries(await t.app.get(AuditsService).openFindingCounts());
      countsSent('openFindingCounts');
      expect(counting).toEqual([]);
      const held: Array<{ severity: string; n: string }> = await t.dataSource.query("SELECT severity, COUNT(*) AS n FROM findings WHERE status = 'open' GROUP BY severity");
      expect(open).toEqual(Object.fromEntries(held.map((row) => [row.severity, Number(row.n)])));
      expect(Object.keys(open).sort()).toEqual(['high', 'low', 'medium']);
    } finally {
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    }
  });
});
