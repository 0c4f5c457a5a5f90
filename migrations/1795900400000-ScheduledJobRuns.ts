import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** The ledger of scheduled jobs: one row per job and slot, so several instances run each slot once. */
export class ScheduledJobRuns1795900400000 implements MigrationInterface {
  name = 'ScheduledJobRuns1795900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'scheduled_job_runs',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'job', type: 'varchar', length: '100' },
          { name: 'slot', type: 'varchar', length: '16' },
          { name: 'status', type: 'enum', enum: ['running', 'done', 'failed'] },
          { name: 'instance', type: 'varchar', length: '36' },
          { name: 'startedAt', type: 'datetime', precision: 3 },
          { name: 'finishedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'error', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'UQ_scheduled_job_runs_job_slot', columnNames: ['job', 'slot'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scheduled_job_runs');
  }
}
