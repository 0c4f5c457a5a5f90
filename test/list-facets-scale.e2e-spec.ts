import { EntitySubscriberInterface } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { ComplianceService } from '../src/compliance/compliance.service';
import { reindexVendors } from '../src/vendors/vendor-index';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { PageSession, signIn } from './ui/support';

/**
 * Facet filters that each select many vendors but together few: the list reads the few by key. Each
 * facet below selects 1,200 of 2,400 vendors (more than the 1,000 above which a page walks the list's
 * order), together 200. A list that decided per facet walked the due-date order testing every vendor,
 * and counted them all the same way: here the vendors are read only by their primary key (SQLite's
 * plans, whose planner decides from the schema alone) and the rows read of the vendors' table are
 * counted (MariaDB's ANALYZE), so a plan that tests the register fails at this size, not in the benchmark.
 */
const VENDORS = 2_200;
const EACH = 1_200;
const BOTH = 200;
const FILTERS = 'dataCategory=communications&abroad=true&contract=in-force&nextAuditDueBefore=2099-01-01&sort=nextAuditDue';

describe('common facets that together select few vendors', () => {
  let t: TestApp;
  let viewer: string;
  let page: PageSession;
  let sent: Array<{ query: string; parameters: unknown[] }> = [];
  const recorder: EntitySubscriberInterface = {
    beforeQuery: (event: { query: string; parameters?: unknown[] }) => void sent.push({ query: event.query, parameters: event.parameters ?? [] }),
  };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.tokenFor('viewer');
    page = await signIn(t, 'viewer');
    await seedRegister(t.dataSource, VENDORS);
    // By name: the first 1,200 handle communications data, the last 1,200 keep it in Singapore too (every
    // seeded contract is in force, every vendor's next audit is due before 2099).
    const ids: string[] = (await t.dataSource.query('SELECT id FROM vendors ORDER BY name')).map((row: { id: string }) => row.id);
    const set = (values: string, chosen: string[]) => t.dataSource.query(`UPDATE vendors SET ${values} WHERE id IN (${chosen.map(() => '?').join(', ')})`, chosen);
    await set(`country = 'JP', dataLocations = '["JP"]', dataCategories = '["customer"]'`, ids);
    await set(`dataCategories = '["customer","communications"]'`, ids.slice(0, EACH));
    await set(`dataLocations = '["JP","SG"]'`, ids.slice(VENDORS - EACH));
    await reindexVendors(t.dataSource.manager, ids);
    await t.app.get(ComplianceService).recomputeAll();
  }, 120_000);
  afterAll(() => t.close());

  /** The matches as the vendors' own columns say, in the list's order (the due date, then the sort key and id). */
  const expected = async (): Promise<string[]> => (await t.dataSource.query(
    `SELECT id FROM vendors WHERE dataCategories LIKE '%"communications"%' AND dataLocations LIKE '%"SG"%' AND nextAuditDue < '2099-01-01'
     ORDER BY nextAuditDue, sortKey, id`,
  )).map((row: { id: string }) => row.id);

  it('finds exactly the vendors both select, page by page, with the exact total', async () => {
    const all = await expected();
    expect(all).toHaveLength(BOTH);
    for (const number of [1, 2, 4]) {
      const body = (await t.http.get(`/api/v1/vendors?${FILTERS}&page=${number}&pageSize=50`).set(...bearer(viewer)).expect(200)).body;
      expect([number, body.total, body.items.map((vendor: { id: string }) => vendor.id)]).toEqual([number, BOTH, all.slice((number - 1) * 50, number * 50)]);
    }
    const html = (await page.get(`/vendors?${FILTERS}`).expect(200)).text;
    expect([...html.matchAll(/<tr><td><a href="\/vendors\/([0-9a-f-]{36})">/g)].map((match) => match[1])).toEqual(all.slice(0, 50));
  });

  it('reads the vendors by their key only, not the register in the due-date order', async () => {
    t.dataSource.subscribers.push(recorder);
    sent = [];
    await t.http.get(`/api/v1/vendors?${FILTERS}&page=2&pageSize=50`).set(...bearer(viewer)).expect(200);
    t.dataSource.subscribers.splice(t.dataSource.subscribers.indexOf(recorder), 1);
    const reads = sent.filter(({ query }) => /^\s*SELECT/i.test(query) && /\bFROM "?`?vendors"?`? "?`?vendor\b/.test(query));
    // The page and its count.
    expect(reads).toHaveLength(2);
    if (t.dataSource.options.type === 'better-sqlite3') {
      const lines: string[] = [];
      for (const { query, parameters } of reads) {
        const plan: Array<{ detail: string }> = await t.dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters);
        lines.push(...plan.map((line) => line.detail).filter((detail) => /^(?:SCAN|SEARCH) (?:vendor|contract)\b/.test(detail)));
      }
      // Each vendor by its id, and its contracts in force probed by the vendor's key (not every signed contract per vendor).
      expect(lines).toEqual(reads.flatMap(() => [
        expect.stringMatching(/^SEARCH vendor USING INDEX sqlite_autoindex_vendors_1 \(id=\?\)$/),
        expect.stringMatching(/^SEARCH contract USING INDEX IDX_contracts_vendor \(vendorId=\?\)$/),
      ]));
    } else {
      // Rows each query reads (ANALYZE runs it): of the vendors' table the candidates, not the register; of the
      // contracts a vendor's few per probe.
      for (const { query, parameters } of reads) {
        const analysed: Array<{ table: string; r_rows: number | string | null }> = await t.dataSource.query(`ANALYZE ${query}`, parameters);
        const read = (table: string) => Math.max(0, ...analysed.filter((row) => row.table === table).map((row) => Number(row.r_rows ?? 0)));
        expect([query.slice(0, 40), read('vendor') <= BOTH, read('contract') <= 2]).toEqual([query.slice(0, 40), true, true]);
      }
    }
  });
});
