import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * How many audits there are of each status, and findings of each status and severity, kept in the
 * transaction of every write that creates or moves one (RecordCountsSubscriber), so the lists' exact
 * totals and the dashboard's open findings cost no count of rows.
 *
 * Derived data: the tables start empty and are filled from the records at the next start, before the
 * app serves (RecordCountsBackfill, recorded in derived_fingerprints).
 */
export class SupervisionRecordCounts1795901300000 implements MigrationInterface {
  name = 'SupervisionRecordCounts1795901300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_counts',
        columns: [
          { name: 'status', type: 'varchar', length: '20', isPrimary: true },
          { name: 'audits', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'finding_counts',
        columns: [
          { name: 'status', type: 'varchar', length: '20', isPrimary: true },
          { name: 'severity', type: 'varchar', length: '20', isPrimary: true },
          { name: 'findings', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('finding_counts');
    await queryRunner.dropTable('audit_counts');
  }
}
