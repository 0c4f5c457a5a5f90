import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { SettingsModule } from '../settings/settings.module';
import { UsersModule } from '../users/users.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ChecklistBackfill } from './checklist-backfill';
import { ContractChecklistService } from './contract-checklist.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  imports: [CatalogueModule, VendorsModule, UsersModule, SettingsModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractChecklistService, ChecklistBackfill],
  exports: [ContractsService, ContractChecklistService],
})
export class ContractsModule {}
