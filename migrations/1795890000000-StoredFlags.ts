import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * Today's flags are read from storage, paged in the database (GET /api/v1/flags, the /flags page),
 * so a stored flag holds everything its message needs (variant, params, requirementIds, the record
 * it refers to), its vendor's name and its place in the vendor's evaluation (for one stable order:
 * severity, vendor name, vendor id, position), with plain varchar codes and severities: a new flag
 * code or severity needs no schema change. The key is (vendorId, position): a vendor's flags are
 * read and replaced by it; five indexes serve the vendor list's flag filter (a probe by code and
 * vendor), the lists' orders and the dashboard, and no more, as every index is written for each of
 * the hundreds of thousands of flags a register has. `flag_counts` counts them per code and severity (flags,
 * and vendors with one), kept with them in the same transaction, so a total costs no count of rows.
 *
 * The stored flags are derived data: the table is created anew, empty, and the compliance engine
 * fills it at the next start (ComplianceScheduler: a vendor whose stored status has flags but no
 * stored flag makes it recompute every vendor before the app serves).
 */
/** The earlier table's enums (1795870000000-ContractsAndFlags), for down(). */
const EARLIER_FLAG_CODES = [
  'no-contract', 'missing-clause', 'partial-clause', 'contract-expiring', 'selection-missing', 'audit-overdue',
  'audit-due-soon', 'finding-overdue', 'subcontractor-unapproved', 'certificate-expired', 'foreign-review-overdue',
  'deletion-certificate-missing',
];
const EARLIER_SEVERITIES = ['critical', 'warning'];

export class StoredFlags1795890000000 implements MigrationInterface {
  name = 'StoredFlags1795890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('vendor_flags');
    await queryRunner.createTable(
      new Table({
        name: 'vendor_flags',
        columns: [
          { name: 'vendorId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'position', type: 'integer', isPrimary: true },
          { name: 'vendorName', type: 'varchar', length: '200' },
          { name: 'code', type: 'varchar', length: '60' },
          { name: 'severity', type: 'varchar', length: '20' },
          { name: 'severityRank', type: 'integer' },
          { name: 'basis', type: 'varchar', length: '20' },
          { name: 'variant', type: 'varchar', length: '60', isNullable: true },
          { name: 'clauseType', type: 'varchar', length: '40', isNullable: true },
          { name: 'requirementIds', type: 'json' },
          { name: 'params', type: 'json' },
          { name: 'dueDate', type: 'date', isNullable: true },
          { name: 'refType', type: 'varchar', length: '40', isNullable: true },
          { name: 'refId', type: 'varchar', length: '36', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_vendor_flags_code_vendor', columnNames: ['code', 'vendorId'] }),
          new TableIndex({ name: 'IDX_vendor_flags_order', columnNames: ['severityRank', 'vendorName', 'vendorId', 'position'] }),
          new TableIndex({ name: 'IDX_vendor_flags_code_order', columnNames: ['code', 'severityRank', 'vendorName', 'vendorId', 'position'] }),
          new TableIndex({ name: 'IDX_vendor_flags_code_name', columnNames: ['code', 'vendorName', 'vendorId'] }),
          new TableIndex({ name: 'IDX_vendor_flags_code_due', columnNames: ['code', 'dueDate', 'vendorId'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'flag_counts',
        columns: [
          { name: 'code', type: 'varchar', length: '60', isPrimary: true },
          { name: 'severity', type: 'varchar', length: '20', isPrimary: true },
          { name: 'flags', type: 'integer' },
          { name: 'vendors', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('flag_counts');
    await queryRunner.dropTable('vendor_flags');
    // The earlier shape, empty: the engine fills it again at the next start.
    await queryRunner.createTable(
      new Table({
        name: 'vendor_flags',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'code', type: 'enum', enum: EARLIER_FLAG_CODES },
          { name: 'severity', type: 'enum', enum: EARLIER_SEVERITIES },
          { name: 'clauseType', type: 'varchar', length: '40', isNullable: true },
          { name: 'dueDate', type: 'date', isNullable: true },
          { name: 'asOf', type: 'date' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_vendor_flags_code_vendor', columnNames: ['code', 'vendorId'] }),
          new TableIndex({ name: 'IDX_vendor_flags_vendor', columnNames: ['vendorId'] }),
        ],
      }),
    );
  }
}
