import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const record = (columns: TableColumnOptions[]): TableColumnOptions[] => [
  { name: 'id', type: 'varchar', length: '36', isPrimary: true },
  ...columns,
  { name: 'version', type: 'integer' },
  { name: 'createdAt', type: 'datetime', precision: 3 },
  { name: 'updatedAt', type: 'datetime', precision: 3 },
];
const text = (name: string, length: number, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable });
const fk = (name: string, column: string, table: string) =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });

/** Documents and evidence: a document per record (owner type + id), and its uploaded versions. */
export class Documents1795878000000 implements MigrationInterface {
  name = 'Documents1795878000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'documents',
      columns: record([
        text('ownerType', 40),
        text('ownerId', 36),
        text('vendorId', 36),
        text('title', 200),
        text('createdById', 36),
      ]),
      indices: [
        new TableIndex({ name: 'IDX_documents_owner', columnNames: ['ownerType', 'ownerId', 'createdAt'] }),
        new TableIndex({ name: 'IDX_documents_vendor', columnNames: ['vendorId'] }),
      ],
      foreignKeys: [fk('FK_documents_vendor', 'vendorId', 'vendors')],
    }));
    await queryRunner.createTable(new Table({
      name: 'file_versions',
      columns: record([
        text('documentId', 36),
        { name: 'versionNumber', type: 'integer' },
        text('fileName', 255),
        text('contentType', 120),
        { name: 'size', type: 'integer' },
        text('sha256', 64),
        text('uploadedById', 36),
        { name: 'supersededAt', type: 'datetime', precision: 3, isNullable: true },
        text('supersededById', 36, true),
        text('supersededNote', 1000, true),
      ]),
      indices: [
        new TableIndex({ name: 'UQ_file_versions_document_number', columnNames: ['documentId', 'versionNumber'], isUnique: true }),
        new TableIndex({ name: 'IDX_file_versions_sha256', columnNames: ['sha256'] }),
      ],
      foreignKeys: [fk('FK_file_versions_document', 'documentId', 'documents')],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('file_versions');
    await queryRunner.dropTable('documents');
  }
}
