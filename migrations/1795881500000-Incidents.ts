import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const record = (columns: TableColumnOptions[]): TableColumnOptions[] => [
  { name: 'id', type: 'varchar', length: '36', isPrimary: true },
  ...columns,
  { name: 'version', type: 'integer' },
  { name: 'createdAt', type: 'datetime', precision: 3 },
  { name: 'updatedAt', type: 'datetime', precision: 3 },
];
const id = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable });
const text = (name: string, length: number, isNullable = true): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
const instant = (name: string, isNullable = true): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable });
const flag = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const oneOf = (name: string, values: string[]): TableColumnOptions => ({ name, type: 'enum', enum: values });
/** vendor_flags.code before and after the incident flags (rules/flags.ts FLAG_CODES). */
const FLAG_CODES = [
  'no-contract', 'missing-clause', 'partial-clause', 'contract-expiring', 'selection-missing', 'audit-overdue',
  'audit-due-soon', 'finding-overdue', 'subcontractor-unapproved', 'certificate-expired', 'foreign-review-overdue',
  'deletion-certificate-missing',
];
const INCIDENT_FLAG_CODES = ['incident-report-due', 'incident-report-overdue', 'incident-audit-due', 'incident-audit-overdue'];
const fk = (name: string, column: string, table: string) =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });

/**
 * 漏えい等: the incident register (incidents of vendors, with the facts that decide the company's
 * reports), the state of each obligation (open, reported, not required with a reason) and the reports
 * made. The obligations' deadlines come from a rule (src/rules/incident-obligations.ts), never stored.
 */
export class Incidents1795881500000 implements MigrationInterface {
  name = 'Incidents1795881500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'incidents',
      columns: record([
        id('vendorId'),
        id('contractId', true),
        id('subcontractorId', true),
        text('title', 200, false),
        text('description', 4000),
        oneOf('kind', ['leak', 'loss', 'damage', 'unauthorised-access']),
        oneOf('status', ['open', 'contained', 'closed']),
        instant('occurredAt'),
        flag('occurredAtEstimated'),
        instant('vendorAwareAt'),
        instant('notifiedAt'),
        instant('awareAt', false),
        { name: 'awareOn', type: 'date' },
        { name: 'dataCategories', type: 'json' },
        { name: 'personsAffected', type: 'integer', isNullable: true },
        flag('personsAtLeast'),
        flag('sensitiveData'),
        flag('financialLossRisk'),
        flag('suspectedMalicious'),
        flag('highlyEncrypted'),
        flag('communicationsSecrecy'),
        flag('myNumberData'),
        flag('euUkDataSubjects'),
        flag('gdprHighRisk'),
        instant('closedAt'),
        id('recordedById'),
      ]),
      indices: [
        new TableIndex({ name: 'IDX_incidents_vendor_status', columnNames: ['vendorId', 'status'] }),
        new TableIndex({ name: 'IDX_incidents_status_aware', columnNames: ['status', 'awareAt'] }),
      ],
      foreignKeys: [
        fk('FK_incidents_vendor', 'vendorId', 'vendors'),
        fk('FK_incidents_contract', 'contractId', 'contracts'),
        fk('FK_incidents_subcontractor', 'subcontractorId', 'subcontractors'),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'incident_obligations',
      columns: record([
        id('incidentId'),
        id('vendorId'),
        text('code', 40, false),
        oneOf('status', ['open', 'reported', 'not-required']),
        text('notRequiredReason', 2000),
        instant('closedAt'),
        id('closedById', true),
      ]),
      indices: [
        new TableIndex({ name: 'UQ_incident_obligations_code', columnNames: ['incidentId', 'code'], isUnique: true }),
        new TableIndex({ name: 'IDX_incident_obligations_status', columnNames: ['status', 'vendorId'] }),
      ],
      foreignKeys: [fk('FK_incident_obligations_incident', 'incidentId', 'incidents')],
    }));
    await queryRunner.createTable(new Table({
      name: 'incident_reports',
      columns: record([
        id('incidentId'),
        id('obligationId'),
        id('vendorId'),
        text('code', 40, false),
        instant('submittedAt', false),
        text('submittedBy', 200, false),
        text('referenceNumber', 200),
        { name: 'items', type: 'json', isNullable: true },
        text('note', 2000),
        id('recordedById'),
      ]),
      indices: [new TableIndex({ name: 'IDX_incident_reports_incident', columnNames: ['incidentId', 'submittedAt'] })],
      foreignKeys: [fk('FK_incident_reports_incident', 'incidentId', 'incidents'), fk('FK_incident_reports_obligation', 'obligationId', 'incident_obligations')],
    }));
    // The stored flags take the incident flag codes.
    await queryRunner.changeColumn('vendor_flags', 'code', new TableColumn({ name: 'code', type: 'enum', enum: [...FLAG_CODES, ...INCIDENT_FLAG_CODES] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM vendor_flags WHERE code IN (${INCIDENT_FLAG_CODES.map((code) => `'${code}'`).join(', ')})`);
    await queryRunner.changeColumn('vendor_flags', 'code', new TableColumn({ name: 'code', type: 'enum', enum: FLAG_CODES }));
    await queryRunner.dropTable('incident_reports');
    await queryRunner.dropTable('incident_obligations');
    await queryRunner.dropTable('incidents');
  }
}
