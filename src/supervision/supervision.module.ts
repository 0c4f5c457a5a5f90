import { Module, OnModuleInit } from '@nestjs/common';
import { In, Not } from 'typeorm';
import { ContractsModule } from '../contracts/contracts.module';
import { SettingsModule } from '../settings/settings.module';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsModule } from '../vendors/vendors.module';
import { AssessmentsService } from './assessments.service';
import { AuditsService } from './audits.service';
import { CertificatesService } from './certificates.service';
import { RecordCountsBackfill } from './record-counts-backfill';
import { SubcontractorsService } from './subcontractors.service';
import { SupervisionController } from './supervision.controller';
import { Assessment, Audit, Certificate, DeletionCertificate, Subcontractor } from './supervision.entities';

/** The supervision records of a vendor, all kept as evidence (and with them their vendor). */
const KEPT_RECORDS = [
  { kind: 'assessment', entity: Assessment },
  { kind: 'audit', entity: Audit },
  { kind: 'subcontractor', entity: Subcontractor },
  { kind: 'certificate', entity: Certificate },
  { kind: 'deletion-certificate', entity: DeletionCertificate },
] as const;

@Module({
  imports: [SettingsModule, VendorsModule, ContractsModule],
  controllers: [SupervisionController],
  providers: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService, RecordCountsBackfill],
  exports: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService],
})
export class SupervisionModule implements OnModuleInit {
  constructor(private readonly dependents: VendorDependents) {}

  onModuleInit(): void {
    this.dependents.keepsVendor((manager, vendorId) =>
      Promise.all(KEPT_RECORDS.map(async ({ kind, entity }) => ({ field: 'records', kind, count: await manager.countBy(entity, { vendorId }) }))),
    );
    // Foreign handling counts the countries of the subcontractors in use (legal-model.md §3.2).
    this.dependents.handlesIn(async (manager, vendorIds) => {
      const countries = new Map<string, string[]>();
      for (let start = 0; start < vendorIds.length; start += 500) {
        const rows = await manager.find(Subcontractor, { where: { vendorId: In(vendorIds.slice(start, start + 500)), status: Not('withdrawn') }, select: { vendorId: true, country: true } });
        for (const row of rows) countries.set(row.vendorId, [...(countries.get(row.vendorId) ?? []), row.country]);
      }
      return countries;
    });
  }
}
