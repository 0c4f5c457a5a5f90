import { Module, OnModuleInit } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { SettingsModule } from '../settings/settings.module';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsModule } from '../vendors/vendors.module';
import { AssessmentsService } from './assessments.service';
import { AuditsService } from './audits.service';
import { CertificatesService } from './certificates.service';
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
  providers: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService],
  exports: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService],
})
export class SupervisionModule implements OnModuleInit {
  constructor(private readonly dependents: VendorDependents) {}

  onModuleInit(): void {
    this.dependents.keepsVendor((manager, vendorId) =>
      Promise.all(KEPT_RECORDS.map(async ({ kind, entity }) => ({ field: 'records', kind, count: await manager.countBy(entity, { vendorId }) }))),
    );
  }
}
