import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Vendors keep their last completed audit and the next audit's due date beside their compliance
 * status, so the vendor list filters and sorts by them through an index (the compliance engine keeps
 * them current, in the transaction that changed a fact and in its daily job). The last audit is
 * filled here; the due date follows the settings' intervals and is written by the engine at the next
 * start (ComplianceScheduler: supervised vendors without a due date are recomputed before serving).
 */
export class VendorAuditDates1795900000000 implements MigrationInterface {
  name = 'VendorAuditDates1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('vendors', [
      new TableColumn({ name: 'lastAuditOn', type: 'date', isNullable: true }),
      new TableColumn({ name: 'nextAuditDue', type: 'date', isNullable: true }),
    ]);
    await queryRunner.query(
      "UPDATE vendors SET lastAuditOn = (SELECT MAX(audits.completedOn) FROM audits WHERE audits.vendorId = vendors.id AND audits.status = 'completed')",
    );
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_last_audit_on', columnNames: ['lastAuditOn'] }));
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_next_audit_due', columnNames: ['nextAuditDue'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('vendors', 'IDX_vendors_next_audit_due');
    await queryRunner.dropIndex('vendors', 'IDX_vendors_last_audit_on');
    await queryRunner.dropColumns('vendors', ['lastAuditOn', 'nextAuditDue']);
  }
}
