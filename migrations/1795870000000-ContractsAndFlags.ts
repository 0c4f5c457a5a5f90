import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

const CONTRACT_KINDS = ['entrustment', 'dpa', 'nda', 'msa', 'other'];
const CONTRACT_STATUSES = ['draft', 'in-review', 'signed', 'terminated'];
const REVIEW_STATUSES = ['present', 'partial', 'missing', 'not-reviewed'];
const CHECKLIST_EVENT_KINDS = ['item-reviewed', 'approved', 'approval-cleared'];
const FLAG_CODES = [
  'no-contract', 'missing-clause', 'partial-clause', 'contract-expiring', 'selection-missing', 'audit-overdue',
  'audit-due-soon', 'finding-overdue', 'subcontractor-unapproved', 'certificate-expired', 'foreign-review-overdue',
  'deletion-certificate-missing',
];
const SEVERITIES = ['critical', 'warning'];

const foreignKey = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT') =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate: 'NO ACTION' });

export class ContractsAndFlags1795870000000 implements MigrationInterface {
  name = 'ContractsAndFlags1795870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'contracts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'kind', type: 'enum', enum: CONTRACT_KINDS },
          { name: 'status', type: 'enum', enum: CONTRACT_STATUSES },
          { name: 'signedOn', type: 'date', isNullable: true },
          { name: 'effectiveFrom', type: 'date' },
          { name: 'expiresOn', type: 'date', isNullable: true },
          { name: 'autoRenew', type: 'boolean' },
          { name: 'noticeDays', type: 'integer', isNullable: true },
          { name: 'governingLaw', type: 'varchar', length: '100', isNullable: true },
          { name: 'documentRef', type: 'varchar', length: '500', isNullable: true },
          { name: 'version', type: 'integer' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'IDX_contracts_vendor', columnNames: ['vendorId'] }),
          new TableIndex({ name: 'IDX_contracts_status_dates', columnNames: ['status', 'effectiveFrom', 'expiresOn'] }),
        ],
        foreignKeys: [foreignKey('FK_contracts_vendor', 'vendorId', 'vendors', 'RESTRICT')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'contract_checklists',
        columns: [
          { name: 'contractId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'version', type: 'integer' },
          { name: 'approvedById', type: 'varchar', length: '36', isNullable: true },
          { name: 'approvedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'updatedAt', type: 'datetime', precision: 3 },
        ],
        foreignKeys: [foreignKey('FK_contract_checklists_contract', 'contractId', 'contracts', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'checklist_items',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contractId', type: 'varchar', length: '36' },
          { name: 'clauseType', type: 'varchar', length: '40' },
          { name: 'status', type: 'enum', enum: REVIEW_STATUSES },
          { name: 'section', type: 'varchar', length: '100', isNullable: true },
          { name: 'note', type: 'varchar', length: '2000', isNullable: true },
          { name: 'reviewedById', type: 'varchar', length: '36', isNullable: true },
          { name: 'reviewedAt', type: 'datetime', precision: 3, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_checklist_items_contract_clause', columnNames: ['contractId', 'clauseType'], isUnique: true }),
          new TableIndex({ name: 'IDX_checklist_items_contract_status', columnNames: ['contractId', 'status', 'clauseType'] }),
        ],
        foreignKeys: [foreignKey('FK_checklist_items_contract', 'contractId', 'contracts', 'CASCADE')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'checklist_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'contractId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'enum', enum: CHECKLIST_EVENT_KINDS },
          { name: 'clauseType', type: 'varchar', length: '40', isNullable: true },
          { name: 'actorId', type: 'varchar', length: '36' },
          { name: 'at', type: 'datetime', precision: 3 },
          { name: 'details', type: 'json' },
        ],
        indices: [new TableIndex({ name: 'IDX_checklist_events_contract', columnNames: ['contractId', 'at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'vendor_flags',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'code', type: 'enum', enum: FLAG_CODES },
          { name: 'severity', type: 'enum', enum: SEVERITIES },
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

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['vendor_flags', 'checklist_events', 'checklist_items', 'contract_checklists', 'contracts']) {
      await queryRunner.dropTable(table);
    }
  }
}
