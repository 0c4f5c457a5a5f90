import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The board report's daily counts: one row per calendar day. */
export class ReportSnapshots1795890100000 implements MigrationInterface {
  name = 'ReportSnapshots1795890100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'report_snapshots',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10' },
          { name: 'counts', type: 'json' },
          { name: 'remediation', type: 'json' },
          { name: 'takenAt', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'UQ_report_snapshots_day', columnNames: ['day'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_snapshots');
  }
}
