import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Sign-in counters per account and address pair, account and address; replaces the list of failures. */
export class SignInThrottles1795880000000 implements MigrationInterface {
  name = 'SignInThrottles1795880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sign_in_throttles',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'accountHash', type: 'varchar', length: '64', isNullable: true },
          { name: 'failures', type: 'integer' },
          { name: 'windowStart', type: 'datetime', precision: 3 },
          { name: 'nextAllowedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'lastSuccessAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'version', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'IDX_sign_in_throttles_account', columnNames: ['accountHash'] })],
      }),
    );
    // Failures counted the old way are at most 15 minutes' worth: they are not carried over.
    await queryRunner.dropTable('sign_in_failures');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.dropTable('sign_in_throttles');
  }
}
