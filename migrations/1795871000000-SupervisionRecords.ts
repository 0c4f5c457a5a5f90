import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const record = (columns: TableColumnOptions[]): TableColumnOptions[] => [
  { name: 'id', type: 'varchar', length: '36', isPrimary: true },
  ...columns,
  { name: 'version', type: 'integer' },
  { name: 'createdAt', type: 'datetime', precision: 3 },
  { name: 'updatedAt', type: 'datetime', precision: 3 },
];
const vendorId: TableColumnOptions = { name: 'vendorId', type: 'varchar', length: '36' };
const fk = (name: string, column: string, table: string) =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
const text = (name: string, length: number, isNullable = true): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
const date = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'date', isNullable });
const oneOf = (name: string, values: string[], isNullable = false): TableColumnOptions => ({ name, type: 'enum', enum: values, isNullable });

export class SupervisionRecords1795871000000 implements MigrationInterface {
  name = 'SupervisionRecords1795871000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'assessments',
      columns: record([
        vendorId,
        oneOf('kind', ['selection', 'foreign-regime', 'periodic']),
        date('completedOn'),
        oneOf('outcome', ['approved', 'approved-with-conditions', 'rejected']),
        text('notes', 4000),
        text('conditions', 2000),
        date('conditionsDueOn', true),
        { name: 'items', type: 'json' },
        text('recordedById', 36, false),
      ]),
      indices: [new TableIndex({ name: 'IDX_assessments_vendor_kind', columnNames: ['vendorId', 'kind', 'completedOn'] })],
      foreignKeys: [fk('FK_assessments_vendor', 'vendorId', 'vendors')],
    }));
    await queryRunner.createTable(new Table({
      name: 'audits',
      columns: record([
        vendorId,
        oneOf('kind', ['questionnaire', 'document-review', 'remote', 'on-site']),
        date('scheduledFor'),
        text('auditorEmail', 254),
        oneOf('status', ['planned', 'in-progress', 'completed', 'cancelled']),
        date('completedOn', true),
        oneOf('result', ['satisfactory', 'minor-issues', 'major-issues', 'failed'], true),
        text('summary', 4000),
      ]),
      indices: [
        new TableIndex({ name: 'IDX_audits_vendor_status', columnNames: ['vendorId', 'status', 'completedOn'] }),
        new TableIndex({ name: 'IDX_audits_status_scheduled', columnNames: ['status', 'scheduledFor'] }),
      ],
      foreignKeys: [fk('FK_audits_vendor', 'vendorId', 'vendors')],
    }));
    await queryRunner.createTable(new Table({
      name: 'findings',
      columns: record([
        { name: 'auditId', type: 'varchar', length: '36' },
        vendorId,
        text('title', 300, false),
        oneOf('severity', ['low', 'medium', 'high']),
        text('clauseType', 40),
        date('dueOn'),
        text('ownerEmail', 254),
        oneOf('status', ['open', 'resolved', 'risk-accepted']),
        text('resolutionNote', 2000),
        date('closedOn', true),
      ]),
      indices: [
        new TableIndex({ name: 'IDX_findings_vendor_status', columnNames: ['vendorId', 'status', 'dueOn'] }),
        new TableIndex({ name: 'IDX_findings_audit', columnNames: ['auditId'] }),
      ],
      foreignKeys: [fk('FK_findings_vendor', 'vendorId', 'vendors'), fk('FK_findings_audit', 'auditId', 'audits')],
    }));
    await queryRunner.createTable(new Table({
      name: 'subcontractors',
      columns: record([
        vendorId,
        text('parentId', 36),
        text('name', 200, false),
        text('country', 2, false),
        text('services', 2000, false),
        oneOf('status', ['pending', 'approved', 'objected', 'withdrawn']),
        date('announcedOn'),
        date('objectionDeadline', true),
        date('approvedOn', true),
        text('approvedBy', 200),
        date('objectedOn', true),
        text('objectionReason', 2000),
      ]),
      indices: [new TableIndex({ name: 'IDX_subcontractors_vendor', columnNames: ['vendorId', 'status'] })],
      foreignKeys: [fk('FK_subcontractors_vendor', 'vendorId', 'vendors'), fk('FK_subcontractors_parent', 'parentId', 'subcontractors')],
    }));
    await queryRunner.createTable(new Table({
      name: 'certificates',
      columns: record([
        vendorId,
        oneOf('kind', ['privacy-mark', 'iso27001', 'iso27701', 'soc2', 'ismap', 'other']),
        text('issuer', 200),
        text('number', 100),
        text('scope', 1000),
        date('validUntil'),
      ]),
      indices: [new TableIndex({ name: 'IDX_certificates_vendor', columnNames: ['vendorId', 'validUntil'] })],
      foreignKeys: [fk('FK_certificates_vendor', 'vendorId', 'vendors')],
    }));
    await queryRunner.createTable(new Table({
      name: 'deletion_certificates',
      columns: record([vendorId, text('contractId', 36), date('receivedOn'), text('note', 2000)]),
      indices: [new TableIndex({ name: 'IDX_deletion_certificates_vendor', columnNames: ['vendorId'] })],
      foreignKeys: [fk('FK_deletion_certificates_vendor', 'vendorId', 'vendors'), fk('FK_deletion_certificates_contract', 'contractId', 'contracts')],
    }));
    await queryRunner.createTable(new Table({
      name: 'settings',
      columns: [
        { name: 'key', type: 'varchar', length: '60', isPrimary: true },
        { name: 'value', type: 'json' },
        { name: 'version', type: 'integer' },
        { name: 'updatedAt', type: 'datetime', precision: 3 },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['settings', 'deletion_certificates', 'certificates', 'subcontractors', 'findings', 'audits', 'assessments']) {
      await queryRunner.dropTable(table);
    }
  }
}
