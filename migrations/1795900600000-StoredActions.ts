import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Today's actions are stored per vendor (vendor_actions: the rule's grouping of the stored flags, with
 * what the action list orders and filters by), so the list reads one page by walking an index in its
 * order; action_counts counts them per kind and vendor tier, vendor_counts the vendors per compliance
 * status and risk tier (counted_vendors: what each vendor counts as), kept in the same transaction as
 * the stored flags, so the dashboard and the list's totals cost no count of rows. derived_fingerprints
 * records which rules the stored actions were derived by.
 *
 * Derived data: the tables start empty and the compliance engine fills them at the next start
 * (ComplianceScheduler: a vendor not yet counted, or rules other than those recorded in
 * derived_fingerprints, make it recompute every vendor before the app serves).
 */
const ORDER = ['severityRank', 'tierRank', 'dueKey', 'vendorName', 'vendorId'];

export class StoredActions1795900600000 implements MigrationInterface {
  name = 'StoredActions1795900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'vendor_actions',
        columns: [
          { name: 'vendorId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '40', isPrimary: true },
          { name: 'groupRef', type: 'varchar', length: '60', isPrimary: true },
          { name: 'kindRank', type: 'integer' },
          { name: 'role', type: 'varchar', length: '20' },
          { name: 'severityRank', type: 'integer' },
          { name: 'tierRank', type: 'integer' },
          { name: 'dueKey', type: 'date' },
          { name: 'vendorName', type: 'varchar', length: '200' },
          { name: 'ownerEmail', type: 'varchar', length: '254', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_vendor_actions_order', columnNames: [...ORDER, 'kindRank', 'groupRef'] }),
          new TableIndex({ name: 'IDX_vendor_actions_kind', columnNames: ['kind', ...ORDER, 'groupRef'] }),
          new TableIndex({ name: 'IDX_vendor_actions_role', columnNames: ['role', ...ORDER, 'kindRank', 'groupRef'] }),
          new TableIndex({ name: 'IDX_vendor_actions_owner', columnNames: ['ownerEmail', ...ORDER, 'kindRank', 'groupRef'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'action_counts',
        columns: [
          { name: 'kind', type: 'varchar', length: '40', isPrimary: true },
          { name: 'riskTier', type: 'varchar', length: '20', isPrimary: true },
          { name: 'actions', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vendor_counts',
        columns: [
          { name: 'complianceStatus', type: 'varchar', length: '20', isPrimary: true },
          { name: 'riskTier', type: 'varchar', length: '20', isPrimary: true },
          { name: 'vendors', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'counted_vendors',
        columns: [
          { name: 'vendorId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'complianceStatus', type: 'varchar', length: '20' },
          { name: 'riskTier', type: 'varchar', length: '20' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'derived_fingerprints',
        columns: [
          { name: 'name', type: 'varchar', length: '60', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['derived_fingerprints', 'counted_vendors', 'vendor_counts', 'action_counts', 'vendor_actions']) await queryRunner.dropTable(table);
  }
}
