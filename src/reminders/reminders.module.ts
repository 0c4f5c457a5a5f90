import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { SettingsModule } from '../settings/settings.module';
import { QuestionnairesModule } from '../questionnaires/questionnaires.module';
import { RemindersController } from './reminders.controller';
import { RemindersScheduler } from './reminders.scheduler';
import { RemindersService } from './reminders.service';

@Module({ imports: [MailModule, SettingsModule, QuestionnairesModule], controllers: [RemindersController], providers: [RemindersService, RemindersScheduler], exports: [RemindersService] })
export class RemindersModule {}
