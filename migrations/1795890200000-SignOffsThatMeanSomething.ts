import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * Sign-offs and closures that say what they mean: a checklist approved with required clause types
 * missing or partial records an exception note per item; a finding has a description and a corrective
 * action plan, and its closure records who closed it and when.
 */
export class SignOffsThatMeanSomething1795890200000 implements MigrationInterface {
  name = 'SignOffsThatMeanSomething1795890200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('contract_checklists', new TableColumn({ name: 'approvalExceptions', type: 'json', isNullable: true }));
    await queryRunner.addColumns('findings', [
      new TableColumn({ name: 'description', type: 'varchar', length: '4000', isNullable: true }),
      new TableColumn({ name: 'correctiveActionPlan', type: 'varchar', length: '4000', isNullable: true }),
      new TableColumn({ name: 'closedBy', type: 'varchar', length: '254', isNullable: true }),
      new TableColumn({ name: 'closedAt', type: 'datetime', precision: 3, isNullable: true }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('findings', ['description', 'correctiveActionPlan', 'closedBy', 'closedAt']);
    await queryRunner.dropColumn('contract_checklists', 'approvalExceptions');
  }
}
