import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Single sign-on (OpenID Connect): users linked to their provider's subject, sign-ins in flight
 * (state, nonce, PKCE verifier) and named personal API tokens.
 */
export class SingleSignOn1795880200000 implements MigrationInterface {
  name = 'SingleSignOn1795880200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'oidcIssuer', type: 'varchar', length: '255', isNullable: true }),
      new TableColumn({ name: 'oidcSubject', type: 'varchar', length: '255', isNullable: true }),
    ]);
    await queryRunner.createIndex('users', new TableIndex({ name: 'UQ_users_oidc_subject', columnNames: ['oidcIssuer', 'oidcSubject'], isUnique: true }));
    await queryRunner.addColumn('auth_tokens', new TableColumn({ name: 'name', type: 'varchar', length: '100', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'oidc_sign_in_attempts',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'browserKeyHash', type: 'varchar', length: '64' },
          { name: 'state', type: 'varchar', length: '100' },
          { name: 'nonce', type: 'varchar', length: '100' },
          { name: 'codeVerifier', type: 'varchar', length: '128' },
          { name: 'returnTo', type: 'varchar', length: '2000' },
          { name: 'createdAt', type: 'datetime', precision: 3 },
          { name: 'expiresAt', type: 'datetime', precision: 3 },
        ],
        indices: [
          new TableIndex({ name: 'UQ_oidc_sign_in_attempts_browser', columnNames: ['browserKeyHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_oidc_sign_in_attempts_expires', columnNames: ['expiresAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('oidc_sign_in_attempts');
    await queryRunner.dropColumn('auth_tokens', 'name');
    await queryRunner.dropIndex('users', 'UQ_users_oidc_subject');
    await queryRunner.dropColumns('users', ['oidcIssuer', 'oidcSubject']);
  }
}
