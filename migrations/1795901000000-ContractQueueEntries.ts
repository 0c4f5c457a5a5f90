import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Legal's work queues (contracts never reviewed, to review again, renewal decisions due) read
 * `contract_queue_entries` through an index in each queue's order instead of every contract: one row
 * per contract waiting for a review or with a renewal decision date (every signed contract with an
 * end date), with its vendor's name, title and dates; the dashboard's contracts ending soon read it
 * in the order of their end date and vendor name. Created empty: the app fills it at its first start before serving (the fingerprint of
 * the rules that derive it in derived_fingerprints is missing), and keeps it in every transaction
 * that changes a contract, its checklist or its vendor's name. And the vendors' audit due date with
 * their status: the unplanned audits are counted from that index alone (the vendors due less those
 * with an audit planned or under way, read from the open audits), not by probing each vendor due;
 * and the findings' status with their severity: the dashboard's open findings by severity are
 * counted from that index alone.
 */
export class ContractQueueEntries1795901000000 implements MigrationInterface {
  name = 'ContractQueueEntries1795901000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'contract_queue_entries',
        columns: [
          { name: 'contractId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'vendorName', type: 'varchar', length: '200' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'effectiveFrom', type: 'date' },
          { name: 'expiresOn', type: 'date', isNullable: true },
          { name: 'autoRenew', type: 'boolean' },
          { name: 'review', type: 'varchar', length: '20', isNullable: true },
          { name: 'renewalDecisionOn', type: 'date', isNullable: true },
        ],
        indices: [
          { name: 'IDX_contract_queue_entries_review', columnNames: ['review', 'vendorName', 'title', 'contractId'] },
          { name: 'IDX_contract_queue_entries_renewal', columnNames: ['renewalDecisionOn', 'vendorName', 'title', 'contractId'] },
          { name: 'IDX_contract_queue_entries_renewal_count', columnNames: ['renewalDecisionOn', 'expiresOn', 'effectiveFrom'] },
          { name: 'IDX_contract_queue_entries_ending', columnNames: ['status', 'expiresOn', 'vendorName', 'title', 'contractId'] },
          { name: 'IDX_contract_queue_entries_vendor', columnNames: ['vendorId'] },
        ],
      }),
    );
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_audit_due_status', columnNames: ['nextAuditDue', 'status'] }));
    await queryRunner.createIndex('findings', new TableIndex({ name: 'IDX_findings_status_severity', columnNames: ['status', 'severity'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('findings', 'IDX_findings_status_severity');
    await queryRunner.dropIndex('vendors', 'IDX_vendors_audit_due_status');
    await queryRunner.dropTable('contract_queue_entries');
  }
}
