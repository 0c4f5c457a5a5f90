import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';
import { loadConfig } from '../src/config/app-config';
import { ComplianceScheduler } from '../src/compliance/compliance.scheduler';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { runPendingMigrations } from '../src/database/run-migrations';
import { activeVendor, newAssessment, newContract, newSubcontractor, today } from './support/factories';
import { bearer, createTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Existing data through the LegalModel migration, on the engine DATABASE_URL names: rows written
 * under the first edition get the defaults that keep their meaning (legal-model.md; issue scope 10),
 * a first-edition foreign-regime review covers the countries the vendor handled data in, payment
 * vendors become high tier, and the statuses are recomputed at the next start.
 */
describe('migrating existing data to the legal model, second edition', () => {
  let database: TestDatabase;
  let t: TestApp;
  let migrator: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase({ shareable: true });
  });
  afterAll(async () => {
    await t?.close();
    if (migrator?.isInitialized) await migrator.destroy();
    await database.drop();
  });

  it('keeps entrustment and prior approval, converts the reviews, and recomputes the stored statuses', async () => {
    // LegalModel and the migrations dated after it (reverted, newest first, then run again).
    const fromLegalModel = MIGRATIONS.slice(MIGRATIONS.findIndex((migration) => migration.name === 'LegalModel1795890300000')).map((migration) => migration.name);
    expect(fromLegalModel[0]).toBe('LegalModel1795890300000');
    t = await createTestApp({ database });
    let viewer = await t.tokenFor('viewer');
    const abroad = await activeVendor(t, { country: 'US', dataLocations: ['US', 'JP', 'SG'], reentrustmentAllowed: true });
    const review = await newAssessment(t, abroad.id, { kind: 'foreign-regime', completedOn: today(t), outcome: 'approved', countries: ['US'] });
    const sub = await newSubcontractor(t, abroad.id, { name: '再委託先', country: 'JP', services: '運用', approvedOn: today(t), approvedBy: '法務部' });
    const contract = await newContract(t, abroad.id, { retentionPeriod: '契約終了後30日' });
    const home = await activeVendor(t, { dataCategories: ['payment', 'customer'] });
    const overridden = await activeVendor(t, { dataCategories: ['payment'], riskTierOverride: 'low', riskTierOverrideReason: 'トークン化済みで復元不能' });

    await t.close();

    // Back to the first edition, as a database that has not run the migration yet; a stale status on it.
    // Then the migration as `npm run migrate` runs it (src/database/migrate.ts: no entities).
    migrator = await new DataSource(buildDataSourceOptions(loadConfig({ DATABASE_URL: database.url }).database, { entities: [], subscribers: [] })).initialize();
    const row = async (sql: string, id: string) => (await migrator.query(sql, [id]))[0];
    // Reverted without a transaction: TypeORM turns SQLite's foreign keys off for a revert only outside one.
    for (const _migration of fromLegalModel) await migrator.undoLastMigration({ transaction: 'none' });
    const columns = (await migrator.createQueryRunner().getTable('vendors'))!.columns.map((column) => column.name);
    expect(columns).not.toContain('relationship');
    await migrator.query("UPDATE vendors SET complianceStatus = 'compliant'");
    // Payment data was a medium-tier reason in the first edition.
    await migrator.query("UPDATE vendors SET riskTier = 'medium', riskTierComputed = 'medium', riskTierReasons = ? WHERE id = ?", [JSON.stringify([{ code: 'data-category', category: 'customer' }]), home.id]);
    await migrator.query("UPDATE vendors SET riskTierComputed = 'medium', riskTierReasons = '[]' WHERE id = ?", [overridden.id]);

    expect((await runPendingMigrations(migrator)).map((migration) => migration.name)).toEqual(fromLegalModel);
    for (const vendor of [abroad, home]) {
      expect(await row('SELECT relationship, transferBasis, subcontractorApproval FROM vendors WHERE id = ?', vendor.id)).toEqual({
        relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval',
      });
    }
    const { countries } = await row('SELECT countries FROM assessments WHERE id = ?', review.id);
    // The review covered the vendor abroad: its country and its data locations other than Japan.
    expect(typeof countries === 'string' ? JSON.parse(countries) : countries).toEqual(['US', 'SG']);
    const tiers = async (id: string) => {
      const { riskTier, riskTierComputed, riskTierReasons } = await row('SELECT riskTier, riskTierComputed, riskTierReasons FROM vendors WHERE id = ?', id);
      return { riskTier, riskTierComputed, riskTierReasons: typeof riskTierReasons === 'string' ? JSON.parse(riskTierReasons) : riskTierReasons };
    };
    expect(await tiers(home.id)).toEqual({ riskTier: 'high', riskTierComputed: 'high', riskTierReasons: [{ code: 'data-category', category: 'payment' }] });
    expect(await tiers(overridden.id)).toEqual({ riskTier: 'low', riskTierComputed: 'high', riskTierReasons: [{ code: 'data-category', category: 'payment' }] });
    expect(Number((await row('SELECT deemedApproval FROM subcontractors WHERE id = ?', sub.id)).deemedApproval)).toBe(0);
    expect((await row('SELECT retentionPeriod FROM contracts WHERE id = ?', contract.id)).retentionPeriod).toBeNull();
    expect(Number((await migrator.query('SELECT COUNT(*) AS n FROM requirements'))[0].n)).toBe(0);
    expect((await row('SELECT complianceStatus FROM vendors WHERE id = ?', home.id)).complianceStatus).toBe('compliant');
    await migrator.destroy();

    // The next start: the catalogue is loaded again, and the job that runs at start recomputes every stored status.
    t = await createTestApp({ database });
    viewer = await t.tokenFor('admin'); // the users exist already: sign in as the first admin
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM requirements'))[0].n)).toBe(59);
    await t.app.get(ComplianceScheduler).run();
    for (const vendor of [abroad, home, overridden]) {
      const fresh = (await t.http.get(`/api/v1/vendors/${vendor.id}/compliance`).set(...bearer(viewer)).expect(200)).body;
      expect(fresh.status).toBe('non-compliant');
      expect((await t.http.get(`/api/v1/vendors/${vendor.id}`).set(...bearer(viewer)).expect(200)).body.complianceStatus).toBe(fresh.status);
    }
    const flags = (await t.http.get(`/api/v1/vendors/${abroad.id}/compliance`).set(...bearer(viewer)).expect(200)).body.flags.map((flag: { code: string }) => flag.code);
    // No transfer basis on record yet: the lawyer's first question for a US vendor; the converted review covers US and SG.
    expect(flags).toContain('transfer-basis-missing');
    expect(flags).not.toContain('external-environment-missing');
    expect((await t.http.get(`/api/v1/vendors/${home.id}`).set(...bearer(viewer)).expect(200)).body).toMatchObject({ riskTier: 'high', riskTierReasons: [{ code: 'data-category', category: 'payment' }] });
  });
});
