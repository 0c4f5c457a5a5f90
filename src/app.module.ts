import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule } from './auth/auth.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { APP_SCHEMA } from './app.schema';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { I18nModule } from './i18n/i18n.module';
import { UsersModule } from './users/users.module';
import { VendorsModule } from './vendors/vendors.module';
import { ContractsModule } from './contracts/contracts.module';
import { ComplianceModule } from './compliance/compliance.module';
import { SettingsModule } from './settings/settings.module';
import { SupervisionModule } from './supervision/supervision.module';
import { CalendarModule } from './calendar/calendar.module';
import { RemindersModule } from './reminders/reminders.module';
import { ImportsModule } from './imports/imports.module';
import { ExportsModule } from './exports/exports.module';
import { AuditLogModule } from './audit-log/audit-log.module';
import { UiModule } from './ui/ui.module';
import { FilesModule } from './files/files.module';
import { ReportsModule } from './reports/reports.module';
import { ActionsModule } from './actions/actions.module';
import { WorkQueuesModule } from './work-queues/work-queues.module';
import { PlanningModule } from './planning/planning.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { IncidentsModule } from './incidents/incidents.module';

@Module({
  imports: [
    ConfigModule,
    CommonModule,
    I18nModule,
    DatabaseModule.forRoot(APP_SCHEMA),
    HealthModule,
    AuthModule,
    UsersModule,
    CatalogueModule,
    VendorsModule,
    ContractsModule,
    SettingsModule,
    SupervisionModule,
    IncidentsModule,
    ComplianceModule,
    CalendarModule,
    RemindersModule,
    ImportsModule,
    ExportsModule,
    AuditLogModule,
    FilesModule,
    ReportsModule,
    ActionsModule,
    WorkQueuesModule,
    PlanningModule,
    QuestionnairesModule,
    UiModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
})
export class AppModule {}
