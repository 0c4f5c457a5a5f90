import { EntitySubscriberInterface } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { ComplianceService } from '../src/compliance/compliance.service';
import { today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';

/**
 * A write (a vendor created, a contract created, a clause reviewed) re-evaluates one vendor: its cost
 * must not grow with the register. The statements each write sends are the same with 100 vendors and
 * with twenty times as many, and (on SQLite, whose planner decides from the schema alone) none of them
 * reads a table that grows with the register without an index: a COUNT over every vendor, a scan for a
 * unique check, or a per-write read of every stored flag fails here rather than in the benchmark.
 */
const SMALL = 100;
const LARGE = 2_000;
/**
 * A plan line that reads a table other than by a key naming one record or one vendor's or contract's
 * records: a scan (of the table or of a whole index) or a range of a low-selectivity index such as
 * `status=?`. (Plans name the query's alias, not always the table.)
 */
const NOT_BY_KEY = (detail: string) => /^SCAN /.test(detail) || (/^SEARCH /.test(detail) && !/\((?:id|vendorId|contractId|key|tokenHash)=\?/.test(detail));

describe('a write costs the same at any register size', () => {
  let t: TestApp;
  let token: string;
  let sent: Array<{ query: string; parameters: unknown[] }> = [];
  const recorder: EntitySubscriberInterface = {
    beforeQuery: (event: { query: string; parameters?: unknown[] }) => void sent.push({ query: event.query, parameters: event.parameters ?? [] }),
  };

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('admin');
  }, 120_000);
  afterAll(() => t.close());

  /** Per write: the statements sent (their SQL, sorted: the engine loads a vendor's facts with concurrent reads, whose order varies) and the plan lines that read a growing table without an index. */
  const measure = async (tag: string) => {
    const writes: Record<string, { statements: string[]; scans: string[] }> = {};
    const record = async (name: string, send: () => Promise<{ body: { id?: string } }>) => {
      sent = [];
      t.dataSource.subscribers.push(recorder);
      const response = await send();
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
      const statements = sent.map(({ query }) => query.replace(/\s+/g, ' ').trim()).sort();
      const scans: string[] = [];
      if (t.dataSource.options.type === 'better-sqlite3') {
        for (const { query, parameters } of sent.filter(({ query }) => /^\s*(SELECT|UPDATE|DELETE)/i.test(query))) {
          const plan: Array<{ detail: string }> = await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
          scans.push(...plan.map((line) => line.detail).filter(NOT_BY_KEY));
        }
      }
      writes[name] = { statements, scans };
      return response.body;
    };
    const vendor = await record('create a vendor', () =>
      t.http.post('/api/v1/vendors').set(...bearer(token)).send({ name: `書込み委託先 ${tag}`, dataCategories: ['customer'], status: 'active' }).expect(201),
    );
    const contract = await record('create a contract', () =>
      t.http.post(`/api/v1/vendors/${vendor.id}/contracts`).set(...bearer(token)).send({ title: '業務委託契約書', kind: 'entrustment', status: 'signed', effectiveFrom: '2024-04-01' }).expect(201),
    );
    await record('review a clause', () =>
      t.http.put(`/api/v1/contracts/${contract.id}/checklist/scope-purpose`).set(...bearer(token)).send({ status: 'present', section: '第1条', version: 1 }).expect(200),
    );
    return writes;
  };

  it(`sends the same statements, each reading by a record's or a vendor's key, with ${SMALL} and with ${LARGE} vendors`, async () => {
    const compliance = t.app.get(ComplianceService);
    await seedRegister(t.dataSource, SMALL, { records: true, today: today(t) });
    await compliance.recomputeAll();
    await measure('warm-up');
    const small = await measure('small');
    await seedRegister(t.dataSource, LARGE - SMALL, { records: true, today: today(t) });
    await compliance.recomputeAll();
    const large = await measure('large');

    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors'))[0].n)).toBeGreaterThan(LARGE);
    // Each write did what it says: a vendor, its contract with a checklist, the clause reviewed, each with its audit-log row.
    for (const name of Object.keys(large)) expect([name, large[name].statements.some((statement) => /^INSERT INTO [`"]?audit_log/i.test(statement))]).toEqual([name, true]);
    expect(large).toEqual(small);
    for (const [name, { scans }] of Object.entries(large)) expect([name, scans]).toEqual([name, []]);
  }, 300_000);

  // The daily recompute stores every vendor's status and audit dates in one UPDATE per 500 vendors,
  // whatever their states (on MariaDB one per distinct state cost 5,600 round trips at 100,000 vendors).
  it('stores every vendor\'s state in a few statements, each vendor its own', async () => {
    const compliance = t.app.get(ComplianceService);
    const vendors = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM vendors'))[0].n);
    await t.dataSource.query("UPDATE vendors SET complianceStatus = 'not-evaluated', lastAuditOn = NULL, nextAuditDue = NULL");
    const updates = async (work: () => Promise<unknown>) => {
      sent = [];
      t.dataSource.subscribers.push(recorder);
      await work();
      t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
      const count = (pattern: RegExp) => sent.filter(({ query }) => pattern.test(query)).length;
      return { states: count(/^\s*UPDATE [`"]?vendors\b/i), flags: count(/^\s*(INSERT INTO|DELETE FROM) [`"]?vendor_flags\b/i) };
    };
    await t.dataSource.query('DELETE FROM vendor_flags');
    await t.dataSource.query('DELETE FROM flag_counts');
    const first = await updates(() => compliance.recomputeAll());
    expect(first.states).toBeLessThanOrEqual(Math.ceil(vendors / 500));
    expect(first.flags).toBeGreaterThan(0);
    // Each vendor got its own dates: what the engine says of it alone (a sample with different due dates).
    const stored: Array<{ id: string; nextAuditDue: string | Date | null }> = await t.dataSource.query('SELECT id, nextAuditDue FROM vendors ORDER BY nextAuditDue DESC, id LIMIT 5');
    const day = (value: string | Date | null) => (value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
    expect(new Set(stored.map((row) => day(row.nextAuditDue))).size).toBeGreaterThan(1);
    for (const row of stored) expect([row.id, day(row.nextAuditDue)]).toEqual([row.id, (await compliance.forVendor(row.id, undefined, 'en')).nextAuditDue]);
    // And a second run finds nothing to change: neither a state nor a stored flag is written again.
    expect(await updates(() => compliance.recomputeAll())).toEqual({ states: 0, flags: 0 });
  }, 120_000);
});
