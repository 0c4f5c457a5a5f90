import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class AuditLog1795875000000 implements MigrationInterface {
  name = 'AuditLog1795875000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'at', type: 'datetime', precision: 3 },
          { name: 'actorId', type: 'varchar', length: '36', isNullable: true },
          { name: 'actorEmail', type: 'varchar', length: '254', isNullable: true },
          { name: 'action', type: 'varchar', length: '20' },
          { name: 'entityType', type: 'varchar', length: '40' },
          { name: 'entityId', type: 'varchar', length: '80', isNullable: true },
          { name: 'changes', type: 'json', isNullable: true },
          { name: 'summary', type: 'json', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_log_entity', columnNames: ['entityType', 'entityId', 'at'] }),
          new TableIndex({ name: 'IDX_audit_log_actor', columnNames: ['actorId', 'at'] }),
          new TableIndex({ name: 'IDX_audit_log_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_log');
  }
}
