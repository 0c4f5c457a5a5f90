import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

export class ReminderLedger1795873000000 implements MigrationInterface {
  name = 'ReminderLedger1795873000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'ruleCode', type: 'varchar', length: '40' },
          { name: 'subjectId', type: 'varchar', length: '80' },
          { name: 'vendorId', type: 'varchar', length: '36', isNullable: true },
          { name: 'threshold', type: 'varchar', length: '20' },
          { name: 'dueDate', type: 'date' },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'params', type: 'json' },
          { name: 'status', type: 'enum', enum: ['pending', 'sending', 'sent', 'failed'] },
          { name: 'attempts', type: 'integer' },
          { name: 'lastError', type: 'varchar', length: '1000', isNullable: true },
          { name: 'nextAttemptAt', type: 'datetime', precision: 3 },
          { name: 'claimedBy', type: 'varchar', length: '36', isNullable: true },
          { name: 'claimedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'messageId', type: 'varchar', length: '36', isNullable: true },
          { name: 'sentAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'UQ_notifications_key', columnNames: ['ruleCode', 'subjectId', 'threshold', 'dueDate', 'recipient'], isUnique: true }),
          new TableIndex({ name: 'IDX_notifications_status_next', columnNames: ['status', 'nextAttemptAt'] }),
          new TableIndex({ name: 'IDX_notifications_recipient', columnNames: ['recipient', 'status'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'mail_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'recipient', type: 'varchar', length: '254' },
          { name: 'locale', type: 'varchar', length: '2' },
          { name: 'subject', type: 'varchar', length: '300' },
          { name: 'textBody', type: 'text' },
          { name: 'htmlBody', type: 'text' },
          { name: 'outcome', type: 'varchar', length: '20' },
          { name: 'error', type: 'varchar', length: '1000', isNullable: true },
          { name: 'transportId', type: 'varchar', length: '300', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'IDX_mail_messages_recipient', columnNames: ['recipient', 'createdAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('mail_messages');
    await queryRunner.dropTable('notifications');
  }
}
