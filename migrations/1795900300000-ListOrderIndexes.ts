import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes in the lists' own order, so that a page is read by walking an index and stopping after it,
 * not by sorting every matching row: the vendor list by name within a status, risk tier or compliance
 * status, and by last change; audits by date (within a status); findings by due date (within a
 * status). The tie-break `id` is part of each key (an SQLite index holds the rowid, not the id, and
 * sorted every vendor of one name or one timestamp — an import writes thousands with the same one).
 * The single-column indexes these replace keep their names.
 */
const CHANGED: ReadonlyArray<{ table: string; name: string; before: string[] | null; after: string[] }> = [
  { table: 'vendors', name: 'IDX_vendors_name', before: ['name'], after: ['name', 'id'] },
  { table: 'vendors', name: 'IDX_vendors_status', before: ['status'], after: ['status', 'name', 'id'] },
  { table: 'vendors', name: 'IDX_vendors_risk_tier', before: ['riskTier'], after: ['riskTier', 'name', 'id'] },
  { table: 'vendors', name: 'IDX_vendors_compliance_status', before: ['complianceStatus'], after: ['complianceStatus', 'name', 'id'] },
  { table: 'vendors', name: 'IDX_vendors_updated_at', before: ['updatedAt'], after: ['updatedAt', 'id'] },
  { table: 'audits', name: 'IDX_audits_status_scheduled', before: ['status', 'scheduledFor'], after: ['status', 'scheduledFor', 'id'] },
  { table: 'audits', name: 'IDX_audits_scheduled', before: null, after: ['scheduledFor', 'id'] },
  { table: 'findings', name: 'IDX_findings_status_due', before: null, after: ['status', 'dueOn', 'id'] },
  { table: 'findings', name: 'IDX_findings_due', before: null, after: ['dueOn', 'id'] },
];

export class ListOrderIndexes1795900300000 implements MigrationInterface {
  name = 'ListOrderIndexes1795900300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, name, before, after } of CHANGED) {
      if (before) await queryRunner.dropIndex(table, name);
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames: after }));
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, name, before } of [...CHANGED].reverse()) {
      await queryRunner.dropIndex(table, name);
      if (before) await queryRunner.createIndex(table, new TableIndex({ name, columnNames: before }));
    }
  }
}
