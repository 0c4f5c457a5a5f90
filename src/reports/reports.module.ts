import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { ContractsModule } from '../contracts/contracts.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { SettingsModule } from '../settings/settings.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { UsersModule } from '../users/users.module';
import { VendorsModule } from '../vendors/vendors.module';
import { BoardReportService } from './board-report.service';
import { BoardSnapshotsService } from './board-snapshots.service';
import { ChecklistExportService } from './checklist-export.service';
import { ReportsScheduler } from './reports.scheduler';
import { DossierService } from './dossier.service';
import { ExternalEnvironmentService } from './external-environment.service';
import { ReportsController } from './reports.controller';

/** Reports: read-only over the features (委託先カルテ, checklist export, board report and its daily snapshots, the 外的環境 disclosure). */
@Module({
  imports: [VendorsModule, ComplianceModule, ContractsModule, SupervisionModule, IncidentsModule, SettingsModule, CatalogueModule, UsersModule],
  controllers: [ReportsController],
  providers: [DossierService, ChecklistExportService, BoardSnapshotsService, BoardReportService, ExternalEnvironmentService, ReportsScheduler],
  exports: [DossierService, ChecklistExportService, BoardSnapshotsService, BoardReportService, ExternalEnvironmentService],
})
export class ReportsModule {}
