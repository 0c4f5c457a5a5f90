import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { ContractsModule } from '../contracts/contracts.module';
import { RemindersModule } from '../reminders/reminders.module';
import { SettingsModule } from '../settings/settings.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { UsersModule } from '../users/users.module';
import { VendorsModule } from '../vendors/vendors.module';
import { ContractPagesController } from './contract-pages.controller';
import { DashboardService } from './dashboard.service';
import { AuditsPageController } from './audits-page.controller';
import { CataloguePageController } from './catalogue-page.controller';
import { DashboardPageController } from './dashboard-page.controller';
import { FindingsPageController } from './findings-page.controller';
import { FlagsPageController } from './flags-page.controller';
import { NotificationsPageController } from './notifications-page.controller';
import { SettingsPageController } from './settings-page.controller';
import { UsersPageController } from './users-page.controller';
import { RecordsPagesController } from './records-pages.controller';
import { SessionController } from './session.controller';
import { SupervisionPagesController } from './supervision-pages.controller';
import { VendorPagesController } from './vendor-pages.controller';
import { TransferPagesController } from './transfer-pages.controller';
import { ImportsModule } from '../imports/imports.module';
import { ExportsModule } from '../exports/exports.module';
import { AuditLogModule } from '../audit-log/audit-log.module';
import { FilesModule } from '../files/files.module';
import { FILE_OWNER_TYPES } from '../files/file-owners';
import { DocumentPages, documentPagesController, FilePagesController } from './document-pages.controller';
import { OidcModule } from '../auth/oidc/oidc.module';
import { SsoController } from './sso.controller';
import { ApiTokenPagesController } from './api-token-pages.controller';
import { AccountPage } from './account-page';
import { ReportsModule } from '../reports/reports.module';
import { ReportPagesController } from './report-pages.controller';
import { ActionsModule } from '../actions/actions.module';
import { WorkQueuesModule } from '../work-queues/work-queues.module';
import { WorkQueuesPageController } from './work-queues-page.controller';
import { ActionsPageController } from './actions-page.controller';
import { PlanningModule } from '../planning/planning.module';
import { AuditPlanPageController } from './audit-plan-page.controller';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { QuestionnairePagesController } from './questionnaire-pages.controller';
import { IncidentsModule } from '../incidents/incidents.module';
import { IncidentPagesController } from './incident-pages.controller';

/**
 * The admin UI: server-rendered pages over the same services as the JSON API. A layer on top:
 * it imports services, nothing imports it. Sessions and CSRF live in auth/ (session-cookies.ts,
 * access.guard.ts); views in templates/views.
 */
@Module({
  imports: [AuthModule, UsersModule, VendorsModule, ContractsModule, ComplianceModule, SupervisionModule, SettingsModule, CatalogueModule, RemindersModule, ImportsModule, ExportsModule, AuditLogModule, FilesModule, OidcModule, ReportsModule, ActionsModule, WorkQueuesModule, PlanningModule, QuestionnairesModule, IncidentsModule],
  controllers: [
    SessionController, DashboardPageController, FlagsPageController, AuditsPageController, FindingsPageController, NotificationsPageController, CataloguePageController,
    UsersPageController, SettingsPageController, VendorPagesController, ContractPagesController, SupervisionPagesController, RecordsPagesController, TransferPagesController,
    FilePagesController, ...FILE_OWNER_TYPES.map(documentPagesController), SsoController, ApiTokenPagesController, ReportPagesController,
    ActionsPageController, AuditPlanPageController, QuestionnairePagesController, IncidentPagesController, WorkQueuesPageController,
  ],
  providers: [DashboardService, DocumentPages, AccountPage],
})
export class UiModule {}
