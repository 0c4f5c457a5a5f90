import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { FilesModule } from '../files/files.module';
import { MailModule } from '../mail/mail.module';
import { SupervisionModule } from '../supervision/supervision.module';
import { VendorsModule } from '../vendors/vendors.module';
import { AnswerFormInterceptor } from './answer-form.interceptor';
import { LinkThrottleService } from './link-throttle.service';
import { QuestionnaireAnswerController } from './questionnaire-answer.controller';
import { QuestionnaireAnswersService } from './questionnaire-answers.service';
import { QuestionnaireLinkGuard } from './questionnaire-link.guard';
import { QuestionnaireLinks } from './questionnaire-links.service';
import { QuestionnaireMail } from './questionnaire-mail';
import { QuestionnaireMessages } from './questionnaire-messages';
import { QuestionnaireReminders } from './questionnaire-reminders';
import { QuestionnaireTemplatesService } from './questionnaire-templates.service';
import { QuestionnairesController } from './questionnaires.controller';
import { QuestionnairesService } from './questionnaires.service';
import { VendorContactsService } from './vendor-contacts.service';

/** Vendor questionnaires by link: contacts, templates, sending, the public answer page, review, reminders' e-mails. */
@Module({
  imports: [AuthModule, VendorsModule, SupervisionModule, FilesModule, MailModule],
  controllers: [QuestionnairesController, QuestionnaireAnswerController],
  providers: [
    VendorContactsService, QuestionnaireTemplatesService, QuestionnairesService, QuestionnaireAnswersService, QuestionnaireLinks, LinkThrottleService,
    QuestionnaireMail, QuestionnaireMessages, QuestionnaireReminders, QuestionnaireLinkGuard, AnswerFormInterceptor,
  ],
  exports: [VendorContactsService, QuestionnaireTemplatesService, QuestionnairesService, QuestionnaireReminders],
})
export class QuestionnairesModule {}
