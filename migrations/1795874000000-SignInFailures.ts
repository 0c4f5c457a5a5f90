import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class SignInFailures1795874000000 implements MigrationInterface {
  name = 'SignInFailures1795874000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_failures',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'accountHash', type: 'varchar', length: '64' },
          { name: 'addressHash', type: 'varchar', length: '64' },
          { name: 'at', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'IDX_sign_in_failures_account', columnNames: ['accountHash', 'at'] }),
          new TableIndex({ name: 'IDX_sign_in_failures_address', columnNames: ['addressHash', 'at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sign_in_failures');
  }
}
