import { DataSource } from 'typeorm';
import { seedRegister } from '../src/bench/seed-register';
import { loadConfig } from '../src/config/app-config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/run-migrations';
import { activeVendor, newVendor } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The stored search terms and facets (vendor_search_terms, vendor_facets) follow every change of a
 * vendor in its transaction, and the VendorSearchIndex migration derives the same rows from vendors
 * stored before it: the search and the filters answer as the vendor now is.
 */
describe('the vendor search terms and facets', () => {
  let database: TestDatabase;
  let t: TestApp;
  let migrator: DataSource | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ shareable: true });
    t = await createTestApp({ database });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (migrator?.isInitialized) await migrator.destroy();
    await database.drop();
  });

  const search = async (query: string, role: 'viewer' | 'admin' = 'viewer') => {
    const response = await t.http.get(`/api/v1/vendors?${query}`).set(...bearer(await t.tokenFor(role))).expect(200);
    return response.body.items.map((vendor: { name: string }) => vendor.name);
  };
  const stored = async (db: DataSource) => ({
    terms: (await db.query('SELECT term, vendorId FROM vendor_search_terms')).map((row: { term: string; vendorId: string }) => `${row.vendorId} ${row.term}`).sort(),
    facets: (await db.query('SELECT kind, value, vendorId FROM vendor_facets')).map((row: { kind: string; value: string; vendorId: string }) => `${row.vendorId} ${row.kind} ${row.value}`).sort(),
  });

  it('follow a rename, a change of categories and locations, and a deletion', async () => {
    const compliance = await t.tokenFor('compliance');
    const beta = await activeVendor(t, { name: '株式会社ベータ', reading: 'べーた', dataCategories: ['customer'], dataLocations: ['JP'] });
    const candidate = await newVendor(t, { name: '田中商事', corporateNumber: '7000012050002' });
    expect(await search('q=%E3%83%99%E3%83%BC%E3%82%BF')).toEqual(['株式会社ベータ']);
    expect(await search('q=7000012050002')).toEqual(['田中商事']);
    expect(await search('dataCategory=communications')).toEqual([]);

    await t.http.patch(`/api/v1/vendors/${beta.id}`).set(...bearer(compliance))
      .send({ version: beta.version, name: 'ガンマ合同会社', reading: null, dataCategories: ['communications'], dataLocations: ['JP', 'SG'] }).expect(200);
    expect(await search('q=%E3%83%99%E3%83%BC%E3%82%BF')).toEqual([]);
    expect(await search('q=%E3%81%8C%E3%82%93%E3%81%BE')).toEqual(['ガンマ合同会社']);
    expect(await search('dataCategory=communications')).toEqual(['ガンマ合同会社']);
    expect(await search('dataCategory=customer')).toEqual([]);
    expect(await search('country=SG')).toEqual(['ガンマ合同会社']);
    expect(await search('abroad=true')).toEqual(['ガンマ合同会社']);
    expect(await search('abroad=false')).toEqual(['田中商事']);

    await t.http.delete(`/api/v1/vendors/${candidate.id}`).set(...bearer(compliance)).expect(204);
    expect(await search('q=7000012050002')).toEqual([]);
    const rows = await stored(t.dataSource);
    expect([...rows.terms, ...rows.facets].filter((row) => row.startsWith(candidate.id))).toEqual([]);
    expect(rows.facets).toEqual([`${beta.id} category communications`, `${beta.id} location JP`, `${beta.id} location SG`].sort());
  });

  it('are derived by the migration from the vendors stored before it, as the writes derive them', async () => {
    await newVendor(t, { name: 'Acme Data Services', reading: 'アクメ', corporateNumber: '7000012050002', country: 'US', dataLocations: ['US', 'DE'], dataCategories: ['employee', 'payment'] });
    const written = await stored(t.dataSource);
    expect(written.terms.length).toBeGreaterThan(20);
    await t.close();

    // As `npm run migrate` runs it (src/database/migrate.ts: no entities, no subscribers).
    migrator = await new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: database.url }).database, { entities: [], subscribers: [] })).initialize();
    // Back to before it (undoing the migrations that came after it too), then forward again.
    const undone: string[] = [];
    while (undone[0] !== 'VendorSearchIndex1795900800000') {
      undone.unshift((await migrator.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1'))[0].name);
      await migrator.undoLastMigration({ transaction: 'none' });
    }
    expect(await migrator.createQueryRunner().hasTable('vendor_search_terms')).toBe(false);
    expect((await runPendingMigrations(migrator)).map((migration) => migration.name)).toEqual(undone);
    expect(await stored(migrator)).toEqual(written);
    await migrator.destroy();

    // The users exist already: the first admin signs in.
    t = await createTestApp({ database });
    expect(await search('q=acme', 'admin')).toEqual(['Acme Data Services']);
    expect(await search('country=DE&dataCategory=payment', 'admin')).toEqual(['Acme Data Services']);
  });

  it('a common facet: the page walks the list in its order, the total is exact, the pages are the same', async () => {
    // Every seeded vendor handles customer data: more than the 1,000 above which a page walks the name order.
    await seedRegister(t.dataSource, 1_100);
    const admin = await t.tokenFor('admin');
    const expected: Array<{ id: string }> = await t.dataSource.query(
      "SELECT vendor.id FROM vendors vendor WHERE vendor.id IN (SELECT vendorId FROM vendor_facets WHERE kind = 'category' AND value = 'customer') ORDER BY vendor.name, vendor.id",
    );
    expect(expected.length).toBeGreaterThan(1_000);
    for (const page of [1, 2, 12]) {
      const body = (await t.http.get(`/api/v1/vendors?dataCategory=customer&page=${page}&pageSize=100`).set(...bearer(admin)).expect(200)).body;
      expect([body.total, body.items.map((vendor: { id: string }) => vendor.id)]).toEqual([expected.length, expected.slice((page - 1) * 100, page * 100).map((row) => row.id)]);
    }
    const abroad = (await t.http.get('/api/v1/vendors?abroad=true&country=US,SG&pageSize=5').set(...bearer(admin)).expect(200)).body;
    const foreign: Array<{ id: string }> = await t.dataSource.query(
      "SELECT vendor.id FROM vendors vendor WHERE vendor.id IN (SELECT vendorId FROM vendor_facets WHERE kind = 'location' AND value IN ('US', 'SG')) ORDER BY vendor.name, vendor.id",
    );
    expect([abroad.total, abroad.items.map((vendor: { id: string }) => vendor.id)]).toEqual([foreign.length, foreign.slice(0, 5).map((row) => row.id)]);
  });
});
