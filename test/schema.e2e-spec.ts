import { MIGRATIONS } from '../migrations';
import { createTestApp, TestApp } from './support/test-app';

describe('schema (migrations on the engine DATABASE_URL names)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('applies every migration at start', async () => {
    const applied = await t.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('matches the entities exactly: no pending schema change', async () => {
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('runs down and up again cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await t.dataSource.undoLastMigration({ transaction: 'none' });
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM migrations');
    expect(Number(n)).toBe(0);
    await t.dataSource.runMigrations({ transaction: 'none' });
    const pending = await t.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
