import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

// Written with the schema-builder API so the same migration runs on SQLite and MySQL/MariaDB.
const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const recordColumns: TableColumnOptions[] = [
  { name: 'version', type: 'integer' },
  { name: 'createdAt', type: 'datetime', precision: 3 },
  { name: 'updatedAt', type: 'datetime', precision: 3 },
];
const ROLES = ['viewer', 'legal', 'compliance', 'admin'];
const LOCALES = ['ja', 'en'];
const VENDOR_STATUSES = ['candidate', 'active', 'offboarding', 'terminated'];
const RISK_TIERS = ['low', 'medium', 'high'];
const COMPLIANCE_STATUSES = ['compliant', 'at-risk', 'non-compliant', 'not-evaluated'];

export class Foundation1795860000000 implements MigrationInterface {
  name = 'Foundation1795860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'role', type: 'enum', enum: ROLES },
          { name: 'locale', type: 'enum', enum: LOCALES },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'active', type: 'boolean' },
          ...recordColumns,
        ],
        indices: [new TableIndex({ name: 'UQ_users_email', columnNames: ['email'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'auth_tokens',
        columns: [
          id,
          { name: 'userId', type: 'varchar', length: '36' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'expiresAt', type: 'datetime', precision: 3 },
          { name: 'revokedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_auth_tokens_token_hash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_auth_tokens_user', columnNames: ['userId'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'FK_auth_tokens_user',
            columnNames: ['userId'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'clause_types',
        columns: [
          { name: 'code', type: 'varchar', length: '40', isPrimary: true },
          { name: 'titleJa', type: 'varchar', length: '200' },
          { name: 'titleEn', type: 'varchar', length: '200' },
          { name: 'requiredWhen', type: 'varchar', length: '40' },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'references', type: 'varchar', length: '500' },
          { name: 'sortOrder', type: 'integer' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'requirements',
        columns: [
          { name: 'id', type: 'varchar', length: '60', isPrimary: true },
          { name: 'framework', type: 'varchar', length: '20' },
          { name: 'titleJa', type: 'varchar', length: '200' },
          { name: 'titleEn', type: 'varchar', length: '200' },
          { name: 'requirement', type: 'varchar', length: '1000' },
          { name: 'reference', type: 'varchar', length: '500' },
          { name: 'applies', type: 'varchar', length: '60' },
          { name: 'severity', type: 'varchar', length: '20' },
          { name: 'satisfiedBy', type: 'json' },
          { name: 'sortOrder', type: 'integer' },
        ],
        indices: [new TableIndex({ name: 'IDX_requirements_framework', columnNames: ['framework'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vendors',
        columns: [
          id,
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'corporateNumber', type: 'varchar', length: '13', isNullable: true },
          { name: 'country', type: 'varchar', length: '2' },
          { name: 'dataLocations', type: 'json' },
          { name: 'services', type: 'varchar', length: '2000' },
          { name: 'dataCategories', type: 'json' },
          { name: 'dataSubjectCount', type: 'integer', isNullable: true },
          { name: 'reentrustmentAllowed', type: 'boolean' },
          { name: 'gdprApplies', type: 'boolean' },
          { name: 'ownerEmail', type: 'varchar', length: '254', isNullable: true },
          { name: 'status', type: 'enum', enum: VENDOR_STATUSES },
          { name: 'activeSince', type: 'date', isNullable: true },
          { name: 'riskTier', type: 'enum', enum: RISK_TIERS },
          { name: 'riskTierComputed', type: 'enum', enum: RISK_TIERS },
          { name: 'riskTierReasons', type: 'json' },
          { name: 'riskTierOverride', type: 'enum', enum: RISK_TIERS, isNullable: true },
          { name: 'riskTierOverrideReason', type: 'varchar', length: '1000', isNullable: true },
          { name: 'complianceStatus', type: 'enum', enum: COMPLIANCE_STATUSES },
          ...recordColumns,
        ],
        indices: [
          new TableIndex({ name: 'UQ_vendors_corporate_number', columnNames: ['corporateNumber'], isUnique: true }),
          new TableIndex({ name: 'IDX_vendors_name', columnNames: ['name'] }),
          new TableIndex({ name: 'IDX_vendors_status', columnNames: ['status'] }),
          new TableIndex({ name: 'IDX_vendors_risk_tier', columnNames: ['riskTier'] }),
          new TableIndex({ name: 'IDX_vendors_compliance_status', columnNames: ['complianceStatus'] }),
          new TableIndex({ name: 'IDX_vendors_updated_at', columnNames: ['updatedAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['vendors', 'requirements', 'clause_types', 'auth_tokens', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
