import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { AssessmentsService } from './assessments.service';
import { AuditsService } from './audits.service';
import { CertificatesService } from './certificates.service';
import { SubcontractorsService } from './subcontractors.service';
import { SupervisionController } from './supervision.controller';

@Module({
  imports: [SettingsModule],
  controllers: [SupervisionController],
  providers: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService],
  exports: [AssessmentsService, AuditsService, SubcontractorsService, CertificatesService],
})
export class SupervisionModule {}
