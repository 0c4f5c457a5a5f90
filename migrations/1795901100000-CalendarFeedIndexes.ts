import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The calendar feed reads the nearest events of each kind in a window of dates, in date order, and
 * stops: signed contracts by their end date, and certificates by the end of their validity, get an
 * index in that order (the audits, findings and vendors' next audit dates have theirs already).
 */
export class CalendarFeedIndexes1795901100000 implements MigrationInterface {
  name = 'CalendarFeedIndexes1795901100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('contracts', new TableIndex({ name: 'IDX_contracts_status_expires', columnNames: ['status', 'expiresOn', 'id'] }));
    await queryRunner.createIndex('certificates', new TableIndex({ name: 'IDX_certificates_valid_until', columnNames: ['validUntil', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('certificates', 'IDX_certificates_valid_until');
    await queryRunner.dropIndex('contracts', 'IDX_contracts_status_expires');
  }
}
