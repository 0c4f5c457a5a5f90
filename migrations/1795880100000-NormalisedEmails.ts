import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail addresses are stored NFKC-normalised and lower-cased, and compared exactly: MySQL's
 * accent- and width-insensitive collation otherwise lets "ádmin@…" or "ａdmin@…" find "admin@…". Rows
 * written before are normalised here; one whose normal form another user already has is left as it is
 * (it could not be stored twice) — such a pair needs an admin's decision, not a migration's.
 */
export class NormalisedEmails1795880100000 implements MigrationInterface {
  name = 'NormalisedEmails1795880100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const users: Array<{ id: string; email: string }> = await queryRunner.query('SELECT id, email FROM users');
    const taken = new Set(users.map((user) => user.email));
    for (const user of users) {
      const normal = user.email.normalize('NFKC').trim().toLowerCase();
      if (normal === user.email || taken.has(normal)) continue;
      await queryRunner.query('UPDATE users SET email = ? WHERE id = ?', [normal, user.id]);
      taken.add(normal);
    }
  }

  async down(): Promise<void> {
    // The original spellings are not kept: nothing to undo.
  }
}
