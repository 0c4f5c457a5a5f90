import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * The work queues' counts that walked every member of a queue are summed from counts per day: the
 * unplanned audits from `audit_due_counts` (vendors per next audit due date, kept by the compliance
 * engine with `counted_vendors`, which remembers the day each vendor counts under), the renewals due
 * from `renewal_due_counts` (contracts per decision date, end date and the day counted as started,
 * kept with `contract_queue_entries`, which remembers that day). The indexes that counted the
 * members go.
 *
 * Derived data: the tables start empty and nothing is counted under the new columns; the app fills
 * them at its next start before serving (the fingerprints of the rules that derive them in
 * derived_fingerprints are missing or differ: every vendor is recomputed, every contract's entry
 * written anew).
 */
export class WorkQueueCounts1795901200000 implements MigrationInterface {
  name = 'WorkQueueCounts1795901200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_due_counts',
        columns: [
          { name: 'dueOn', type: 'date', isPrimary: true },
          { name: 'vendors', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'renewal_due_counts',
        columns: [
          { name: 'renewalDecisionOn', type: 'date', isPrimary: true },
          { name: 'expiresOn', type: 'date', isPrimary: true },
          { name: 'countedFrom', type: 'date', isPrimary: true },
          { name: 'contracts', type: 'integer' },
        ],
      }),
    );
    await queryRunner.addColumn('counted_vendors', new TableColumn({ name: 'auditDueOn', type: 'date', isNullable: true }));
    await queryRunner.addColumn('contract_queue_entries', new TableColumn({ name: 'renewalCountedFrom', type: 'date', isNullable: true }));
    await queryRunner.dropIndex('vendors', 'IDX_vendors_audit_due_status');
    await queryRunner.dropIndex('contract_queue_entries', 'IDX_contract_queue_entries_renewal_count');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('contract_queue_entries', new TableIndex({ name: 'IDX_contract_queue_entries_renewal_count', columnNames: ['renewalDecisionOn', 'expiresOn', 'effectiveFrom'] }));
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_audit_due_status', columnNames: ['nextAuditDue', 'status'] }));
    await queryRunner.dropColumn('contract_queue_entries', 'renewalCountedFrom');
    await queryRunner.dropColumn('counted_vendors', 'auditDueOn');
    await queryRunner.dropTable('renewal_due_counts');
    await queryRunner.dropTable('audit_due_counts');
  }
}
