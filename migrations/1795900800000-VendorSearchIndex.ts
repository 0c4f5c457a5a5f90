import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { SEARCH_TERM_LENGTH, vendorSearchTerms } from '../src/rules/search-terms';

/**
 * The vendor list's search and its filters on data categories and countries read indexes instead of
 * every vendor: `vendor_search_terms` (the bigrams of each vendor's folded name and search key, and
 * its 法人番号; rules/search-terms.ts) and `vendor_facets` (its data categories, and its own country
 * and data locations), filled here from the stored vendors, 500 at a time. Subcontractors get an
 * index by country, so the filter on their countries reads the subcontractors of those countries.
 */
const VENDORS_PER_STEP = 500;
const ROWS_PER_INSERT = 200;

export class VendorSearchIndex1795900800000 implements MigrationInterface {
  name = 'VendorSearchIndex1795900800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'vendor_search_terms',
        columns: [
          { name: 'term', type: 'varchar', length: String(SEARCH_TERM_LENGTH), isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'IDX_vendor_search_terms_vendor', columnNames: ['vendorId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vendor_facets',
        columns: [
          { name: 'kind', type: 'varchar', length: '20', isPrimary: true },
          { name: 'value', type: 'varchar', length: '40', isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36', isPrimary: true },
        ],
        indices: [{ name: 'IDX_vendor_facets_vendor', columnNames: ['vendorId'] }],
      }),
    );
    await queryRunner.createIndex('subcontractors', new TableIndex({ name: 'IDX_subcontractors_country', columnNames: ['country', 'status', 'vendorId'] }));

    const ignore = queryRunner.connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const insert = async (table: string, columns: string[], rows: string[][]) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        const chunk = rows.slice(start, start + ROWS_PER_INSERT);
        const placeholders = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
        await queryRunner.query(`${ignore} INTO ${table} (${columns.join(', ')}) VALUES ${placeholders}`, chunk.flat());
      }
    };
    const parse = (value: unknown): string[] => (typeof value === 'string' ? (JSON.parse(value) as string[]) : ((value as string[] | null) ?? []));
    let after = '';
    for (;;) {
      const vendors: Array<{ id: string; name: string; searchKey: string; corporateNumber: string | null; country: string; dataLocations: unknown; dataCategories: unknown }> =
        await queryRunner.query(`SELECT id, name, searchKey, corporateNumber, country, dataLocations, dataCategories FROM vendors WHERE id > ? ORDER BY id LIMIT ${VENDORS_PER_STEP}`, [after]);
      if (vendors.length === 0) break;
      after = vendors[vendors.length - 1].id;
      const terms = vendors.flatMap((vendor) => vendorSearchTerms(vendor).map((term) => [term, vendor.id]));
      const facets = vendors.flatMap((vendor) => [
        ...[...new Set(parse(vendor.dataCategories))].map((value) => ['category', value, vendor.id]),
        ...[...new Set([vendor.country, ...parse(vendor.dataLocations)])].map((value) => ['location', value, vendor.id]),
      ]);
      await insert('vendor_search_terms', ['term', 'vendorId'], terms);
      await insert('vendor_facets', ['kind', 'value', 'vendorId'], facets);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('subcontractors', 'IDX_subcontractors_country');
    await queryRunner.dropTable('vendor_facets');
    await queryRunner.dropTable('vendor_search_terms');
  }
}
