import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The audit plan and the audit calendar read the vendors whose stored next audit falls due in a
 * period, by due date, then name, then id: the index on the due date alone becomes one in that
 * order, so that a page of the plan and the first names of a calendar day are read by walking the
 * index range and stopping, not by sorting every vendor due in the period. It keeps its name; the
 * vendor list's `nextAuditDueBefore` filter uses it as before (its first column).
 */
export class AuditPlanIndex1795900700000 implements MigrationInterface {
  name = 'AuditPlanIndex1795900700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('vendors', 'IDX_vendors_next_audit_due');
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_next_audit_due', columnNames: ['nextAuditDue', 'name', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('vendors', 'IDX_vendors_next_audit_due');
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_next_audit_due', columnNames: ['nextAuditDue'] }));
  }
}
