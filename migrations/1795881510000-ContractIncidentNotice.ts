import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * The notice period a contract gives the vendor to tell us of an incident, in hours (e.g. 24): late
 * notice (the vendor's awareness to its notice) is shown on the incident as a fact worth a finding.
 */
export class ContractIncidentNotice1795881510000 implements MigrationInterface {
  name = 'ContractIncidentNotice1795881510000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('contracts', new TableColumn({ name: 'incidentNoticeHours', type: 'integer', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('contracts', 'incidentNoticeHours');
  }
}
