import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { SEARCH_KEY_LENGTH, SORT_KEY_LENGTH, vendorKeys } from '../src/rules/japanese-names';

/**
 * Vendors get an optional reading (フリガナ) and two derived keys: `sortKey` (the reading, else the
 * name, without legal-form words: 株式会社ベータ sorts under ベ) and `searchKey` (name and reading
 * folded the same way, so 「ベータ」 finds ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀ). Existing vendors get their keys here.
 */
export class VendorReadings1795880300000 implements MigrationInterface {
  name = 'VendorReadings1795880300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('vendors', [
      new TableColumn({ name: 'reading', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'sortKey', type: 'varchar', length: String(SORT_KEY_LENGTH), default: "''" }),
      new TableColumn({ name: 'searchKey', type: 'varchar', length: String(SEARCH_KEY_LENGTH), default: "''" }),
    ]);
    const vendors: Array<{ id: string; name: string }> = await queryRunner.query('SELECT id, name FROM vendors');
    for (const vendor of vendors) {
      const keys = vendorKeys(vendor.name, null);
      await queryRunner.query('UPDATE vendors SET sortKey = ?, searchKey = ? WHERE id = ?', [keys.sortKey, keys.searchKey, vendor.id]);
    }
    await queryRunner.createIndex('vendors', new TableIndex({ name: 'IDX_vendors_sort_key', columnNames: ['sortKey'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('vendors', 'IDX_vendors_sort_key');
    await queryRunner.dropColumns('vendors', ['reading', 'sortKey', 'searchKey']);
  }
}
