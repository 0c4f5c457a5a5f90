import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

const LOCALES = ['ja', 'en'];
const PURPOSES = ['selection', 'periodic', 'evidence'];
const STATUSES = ['sent', 'in-progress', 'submitted', 'clarification-requested', 'accepted', 'revoked'];

const id = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
const bookkeeping = [
  { name: 'version', type: 'integer' },
  { name: 'createdAt', type: 'datetime', precision: 3 },
  { name: 'updatedAt', type: 'datetime', precision: 3 },
];
const restrict = (name: string, column: string, table: string) =>
  new TableForeignKey({ name, columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });

/**
 * Vendor questionnaires by link: vendor contacts, templates and their versions, the questionnaires
 * sent, their links (token hashes only) and the wrong-link counters; the audit trail learns actors
 * who are no users (a vendor contact via a link). (The questionnaire flags need no schema change:
 * 1795890000000-StoredFlags makes vendor_flags.code plain text.)
 */
export class Questionnaires1795881900000 implements MigrationInterface {
  name = 'Questionnaires1795881900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'vendor_contacts',
        columns: [
          id, ...bookkeeping,
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'locale', type: 'enum', enum: LOCALES },
        ],
        indices: [new TableIndex({ name: 'UQ_vendor_contacts_vendor_email', columnNames: ['vendorId', 'email'], isUnique: true })],
        foreignKeys: [restrict('FK_vendor_contacts_vendor', 'vendorId', 'vendors')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'questionnaire_templates',
        columns: [
          id, ...bookkeeping,
          { name: 'key', type: 'varchar', length: '60', isNullable: true },
          { name: 'builtIn', type: 'boolean' },
          { name: 'nameJa', type: 'varchar', length: '200' },
          { name: 'nameEn', type: 'varchar', length: '200' },
          { name: 'purpose', type: 'enum', enum: PURPOSES },
          { name: 'latestVersion', type: 'integer' },
          { name: 'copiedFromId', type: 'varchar', length: '36', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'UQ_questionnaire_templates_key', columnNames: ['key'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'questionnaire_template_versions',
        columns: [
          id,
          { name: 'templateId', type: 'varchar', length: '36' },
          { name: 'number', type: 'integer' },
          { name: 'nameJa', type: 'varchar', length: '200' },
          { name: 'nameEn', type: 'varchar', length: '200' },
          { name: 'purpose', type: 'enum', enum: PURPOSES },
          { name: 'content', type: 'json' },
          { name: 'createdById', type: 'varchar', length: '36', isNullable: true },
          { name: 'createdAt', type: 'datetime', precision: 3 },
        ],
        indices: [new TableIndex({ name: 'UQ_questionnaire_template_versions_number', columnNames: ['templateId', 'number'], isUnique: true })],
        foreignKeys: [restrict('FK_questionnaire_template_versions_template', 'templateId', 'questionnaire_templates')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'questionnaires',
        columns: [
          id, ...bookkeeping,
          { name: 'vendorId', type: 'varchar', length: '36' },
          { name: 'contactId', type: 'varchar', length: '36' },
          { name: 'templateVersionId', type: 'varchar', length: '36' },
          { name: 'purpose', type: 'enum', enum: PURPOSES },
          { name: 'titleJa', type: 'varchar', length: '200' },
          { name: 'titleEn', type: 'varchar', length: '200' },
          { name: 'status', type: 'enum', enum: STATUSES },
          { name: 'sentOn', type: 'date' },
          { name: 'sentById', type: 'varchar', length: '36' },
          { name: 'dueOn', type: 'date' },
          { name: 'message', type: 'varchar', length: '2000', isNullable: true },
          { name: 'answers', type: 'json' },
          { name: 'reopened', type: 'json', isNullable: true },
          { name: 'clarifications', type: 'json' },
          { name: 'submittedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'answeredOn', type: 'date', isNullable: true },
          { name: 'lastMailedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'acceptedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'acceptedById', type: 'varchar', length: '36', isNullable: true },
          { name: 'assessmentId', type: 'varchar', length: '36', isNullable: true },
          { name: 'revokedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'revokedReason', type: 'varchar', length: '500', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_questionnaires_vendor_status', columnNames: ['vendorId', 'status'] }),
          new TableIndex({ name: 'IDX_questionnaires_status_due', columnNames: ['status', 'dueOn'] }),
        ],
        foreignKeys: [
          restrict('FK_questionnaires_vendor', 'vendorId', 'vendors'),
          restrict('FK_questionnaires_contact', 'contactId', 'vendor_contacts'),
          restrict('FK_questionnaires_template_version', 'templateVersionId', 'questionnaire_template_versions'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'questionnaire_links',
        columns: [
          id,
          { name: 'questionnaireId', type: 'varchar', length: '36' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'purpose', type: 'varchar', length: '20' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'expiresAt', type: 'datetime', precision: 3 },
          { name: 'endedAt', type: 'datetime', precision: 3, isNullable: true },
          { name: 'endReason', type: 'varchar', length: '20', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'UQ_questionnaire_links_token', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_questionnaire_links_questionnaire', columnNames: ['questionnaireId'] }),
        ],
        foreignKeys: [restrict('FK_questionnaire_links_questionnaire', 'questionnaireId', 'questionnaires')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'questionnaire_link_throttles',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'failures', type: 'integer' },
          { name: 'windowStart', type: 'datetime', precision: 3 },
          { name: 'version', type: 'integer' },
        ],
      }),
    );
    await queryRunner.addColumn('audit_log', new TableColumn({ name: 'actorVia', type: 'varchar', length: '40', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('audit_log', 'actorVia');
    for (const table of ['questionnaire_link_throttles', 'questionnaire_links', 'questionnaires', 'questionnaire_template_versions', 'questionnaire_templates', 'vendor_contacts']) {
      await queryRunner.dropTable(table);
    }
  }
}
