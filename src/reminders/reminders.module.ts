import { Module } from '@nestjs/common';
import { ComplianceModule } from '../compliance/compliance.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { MailModule } from '../mail/mail.module';
import { SettingsModule } from '../settings/settings.module';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { RemindersController } from './reminders.controller';
import { RemindersScheduler } from './reminders.scheduler';
import { RemindersService } from './reminders.service';
import { IncidentClock, IncidentClockScheduler } from './incident-clock';

@Module({
  imports: [MailModule, SettingsModule, QuestionnairesModule, ComplianceModule, CatalogueModule],
  controllers: [RemindersController],
  providers: [RemindersService, RemindersScheduler, IncidentClock, IncidentClockScheduler],
  exports: [RemindersService, IncidentClock],
})
export class RemindersModule {}
