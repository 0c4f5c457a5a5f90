import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { SettingsModule } from '../settings/settings.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ComplianceController } from './compliance.controller';
import { ComplianceScheduler } from './compliance.scheduler';
import { ComplianceService } from './compliance.service';
import { VendorChangesSubscriber } from './vendor-changes.subscriber';

@Module({
  imports: [CatalogueModule, SettingsModule, VendorsModule, SupervisionModule],
  controllers: [ComplianceController],
  providers: [ComplianceService, ComplianceScheduler, VendorChangesSubscriber],
  exports: [ComplianceService],
})
export class ComplianceModule {}
