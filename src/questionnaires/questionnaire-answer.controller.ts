import { Body, Controller, Get, Post, Query, Req, Res, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { PublicWithOwnGuard } from '../common/access-policy';
import { AnswerFormInterceptor } from './answer-form.interceptor';
import { FormFile, QuestionnaireAnswersService } from './questionnaire-answers.service';
import { linkAccessOf, QuestionnaireLinkGuard } from './questionnaire-link.guard';

const VIEW = 'pages/questionnaires/answer';

/**
 * The vendor's answer page, reached only by a questionnaire's link (no account, no session): its
 * own guard checks the token and the CSRF token bound to the link, and counts wrong links.
 */
@ApiExcludeController()
@Controller('q')
@UseGuards(QuestionnaireLinkGuard)
export class QuestionnaireAnswerController {
  constructor(private readonly answers: QuestionnaireAnswersService) {}

  @PublicWithOwnGuard()
  @Get(':id/:token')
  async page(@Req() request: Request, @Res() response: Response, @Query('notice') notice?: string): Promise<void> {
    noStore(response);
    response.render(VIEW, await this.answers.page(linkAccessOf(request), typeof notice === 'string' ? notice : undefined));
  }

  /** A draft (button "save") or the submission (button "submit"): multipart, with files for the file questions. */
  @PublicWithOwnGuard()
  @Post(':id/:token')
  @UseInterceptors(AnswerFormInterceptor)
  async save(@Req() request: Request, @Res() response: Response, @Body() body: Record<string, string | string[]>, @UploadedFiles() files?: FormFile[]): Promise<void> {
    noStore(response);
    const result = await this.answers.save(linkAccessOf(request), body ?? {}, files ?? []);
    if ('redirect' in result) response.redirect(303, result.redirect);
    else response.status(result.status).render(VIEW, result.model);
  }
}

/** The page holds a vendor's answers behind a credential in its URL: no cache keeps it, no referrer carries the URL. */
function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
}
