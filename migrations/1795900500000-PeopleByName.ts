import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * People by name: a vendor's owner who is no user is recorded with a name beside the address, and
 * users get an optional department shown next to their name on pages.
 */
export class PeopleByName1795900500000 implements MigrationInterface {
  name = 'PeopleByName1795900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('vendors', new TableColumn({ name: 'ownerName', type: 'varchar', length: '100', isNullable: true }));
    await queryRunner.addColumn('users', new TableColumn({ name: 'department', type: 'varchar', length: '100', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('users', 'department');
    await queryRunner.dropColumn('vendors', 'ownerName');
  }
}
