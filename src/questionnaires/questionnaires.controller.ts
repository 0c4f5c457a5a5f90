import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMINS, EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { PageQuery, paginate } from '../common/pagination';
import {
  AcceptQuestionnaireDto, ClarificationDto, CopyTemplateDto, CreateContactDto, QuestionnaireListQuery, ResendQuestionnaireDto, RevokeQuestionnaireDto, SendQuestionnaireDto,
  UpdateContactDto, UpdateTemplateDto,
} from './dto/questionnaire.dto';
import { QuestionnaireTemplatesService } from './questionnaire-templates.service';
import { QuestionnairesService } from './questionnaires.service';
import { VendorContactsService } from './vendor-contacts.service';

/**
 * Vendor questionnaires by link (委託先評価チェックシート, 取扱状況の報告): everyone reads; compliance
 * and admins send, re-send, revoke, ask for clarification and accept; admins copy and edit templates.
 */
@ApiTags('questionnaires')
@ApiBearerAuth()
@Controller('api/v1')
export class QuestionnairesController {
  constructor(
    private readonly contacts: VendorContactsService,
    private readonly templates: QuestionnaireTemplatesService,
    private readonly questionnaires: QuestionnairesService,
  ) {}

  @Roles(...EVERY_ROLE) @Get('vendors/:id/contacts')
  async listContacts(@IdParam() vendorId: string, @Query() query: PageQuery) {
    return paginate(await this.contacts.list(vendorId), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/contacts')
  @ApiOperation({ summary: "a person at the vendor who answers questionnaires: name, e-mail, language (ja/en); 409 when the e-mail is already one of the vendor's" })
  createContact(@IdParam() vendorId: string, @Body() body: CreateContactDto) {
    return this.contacts.create(vendorId, body);
  }

  @Roles(...VENDOR_WRITERS) @Patch('contacts/:id')
  updateContact(@IdParam() id: string, @Body() body: UpdateContactDto) {
    return this.contacts.update(id, body);
  }

  @Roles(...EVERY_ROLE) @Get('questionnaire-templates')
  async listTemplates(@Query() query: PageQuery) {
    return paginate(await this.templates.list(), query);
  }

  @Roles(...EVERY_ROLE) @Get('questionnaire-templates/:id')
  @ApiOperation({ summary: 'the template with the content (sections, questions) of its latest version' })
  template(@IdParam() id: string) {
    return this.templates.view(id);
  }

  @Roles(...ADMINS) @Post('questionnaire-templates/:id/copy')
  @ApiOperation({ summary: 'a copy to change (built-in templates are read-only): version 1 with the latest content' })
  copyTemplate(@IdParam() id: string, @Body() body: CopyTemplateDto, @CurrentUser() user: AuthenticatedUser) {
    return this.templates.copy(id, body, user);
  }

  @Roles(...ADMINS) @Put('questionnaire-templates/:id')
  @ApiOperation({ summary: "a new version of an admin's template at the version read (409 on a built-in template or a stale version); questionnaires already sent keep theirs" })
  updateTemplate(@IdParam() id: string, @Body() body: UpdateTemplateDto, @CurrentUser() user: AuthenticatedUser) {
    return this.templates.update(id, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('questionnaires')
  list(@Query() query: QuestionnaireListQuery) {
    return this.questionnaires.list(query);
  }

  @Roles(...EVERY_ROLE) @Get('questionnaires/:id')
  @ApiOperation({ summary: 'the questionnaire with its questions (the version it was sent with), the answers, the clarification rounds and the names of the uploaded files' })
  get(@IdParam() id: string) {
    return this.questionnaires.get(id);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/questionnaires')
  @ApiOperation({ summary: "sends the template's latest version to one of the vendor's contacts: an e-mail with a link (a random token, stored only hashed) valid until the due date + 14 days; 503 and nothing recorded when the e-mail cannot be sent" })
  send(@IdParam() vendorId: string, @Body() body: SendQuestionnaireDto, @CurrentUser() user: AuthenticatedUser) {
    return this.questionnaires.send(vendorId, body, user);
  }

  @Roles(...VENDOR_WRITERS) @Post('questionnaires/:id/resend') @HttpCode(200)
  @ApiOperation({ summary: 'a new link by e-mail (optionally a new due date): the earlier links answer 410' })
  resend(@IdParam() id: string, @Body() body: ResendQuestionnaireDto) {
    return this.questionnaires.resend(id, body);
  }

  @Roles(...VENDOR_WRITERS) @Post('questionnaires/:id/revoke') @HttpCode(200)
  @ApiOperation({ summary: 'revokes the questionnaire: its link answers 410; the answers so far are kept' })
  revoke(@IdParam() id: string, @Body() body: RevokeQuestionnaireDto) {
    return this.questionnaires.revoke(id, body);
  }

  @Roles(...VENDOR_WRITERS) @Post('questionnaires/:id/clarification') @HttpCode(200)
  @ApiOperation({ summary: 'reopens the questions named (each with a comment): the vendor gets a link with only those open, by the new due date' })
  clarify(@IdParam() id: string, @Body() body: ClarificationDto, @CurrentUser() user: AuthenticatedUser) {
    return this.questionnaires.clarify(id, body, user);
  }

  @Roles(...VENDOR_WRITERS) @Post('questionnaires/:id/accept') @HttpCode(200)
  @ApiOperation({ summary: 'accepts the submitted answers: a selection or periodic questionnaire becomes that assessment (items from the mapped questions, evidence = the answers), in the same transaction' })
  accept(@IdParam() id: string, @Body() body: AcceptQuestionnaireDto, @CurrentUser() user: AuthenticatedUser) {
    return this.questionnaires.accept(id, body, user);
  }
}
