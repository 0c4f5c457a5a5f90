import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { MailModule } from '../mail/mail.module';
import { SettingsModule } from '../settings/settings.module';
import { RemindersController } from './reminders.controller';
import { RemindersScheduler } from './reminders.scheduler';
import { RemindersService } from './reminders.service';

@Module({ imports: [MailModule, SettingsModule, CatalogueModule], controllers: [RemindersController], providers: [RemindersService, RemindersScheduler], exports: [RemindersService] })
export class RemindersModule {}
