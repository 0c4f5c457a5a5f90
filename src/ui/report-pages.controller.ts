import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { BoardReportService } from '../reports/board-report.service';
import { ChecklistExportService } from '../reports/checklist-export.service';
import { BoardReportQuery } from '../reports/dto/board-report.dto';
import { render, withQuery } from './forms';
import { DossierService } from '../reports/dossier.service';
import { ExternalEnvironmentService } from '../reports/external-environment.service';
import { ExternalEnvironmentQuery } from '../reports/dto/external-environment.dto';
import { ExportFile } from '../register-file/spreadsheet-writer';

/** Report pages designed for printing (layouts/print: no navigation), and their downloads. */
@ApiExcludeController()
@Controller()
export class ReportPagesController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly checklists: ChecklistExportService,
    private readonly board: BoardReportService,
    private readonly externalEnvironment: ExternalEnvironmentService,
  ) {}

  /** The 委託先カルテ for A4 printing. */
  @Roles(...EVERY_ROLE)
  @Get('vendors/:id/dossier')
  async dossier(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const dossier = await this.dossiers.forVendor(id, user.locale);
    render(response, 'pages/reports/dossier', { layout: 'layouts/print', title: `${dossier.title}: ${dossier.vendorName}`, dossier });
  }

  @Roles(...EVERY_ROLE)
  @Get('vendors/:id/dossier.pdf')
  async dossierPdf(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    send(response, await this.dossiers.pdf(id, user.locale));
  }

  /** A contract's checklist as .xlsx in the user's language (linked from the checklist page). */
  @Roles(...EVERY_ROLE)
  @Get('contracts/:id/checklist.xlsx')
  async checklistXlsx(@IdParam() id: string, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    send(response, await this.checklists.xlsx(id, user.locale));
  }

  /** The board report for a period: trend charts (SVG drawn on the server) and the 要是正 vendors, for printing. */
  @Roles(...EVERY_ROLE)
  @Get('reports/board')
  async boardReport(@Query() query: BoardReportQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const model = await this.board.page(query, user.locale);
    render(response, 'pages/reports/board', {
      layout: 'layouts/print', title: this.board.title(user.locale), ...model,
      xlsxHref: withQuery('/reports/board.xlsx', { from: model.report.from, asOf: model.report.asOf }, {}),
    });
  }

  @Roles(...EVERY_ROLE)
  @Get('reports/board.xlsx')
  async boardXlsx(@Query() query: BoardReportQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    send(response, await this.board.xlsx(query, query.lang ?? user.locale));
  }

  /** 外的環境の把握: the countries where personal data is handled, their review dates, and the privacy policy's draft. */
  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment')
  async externalEnvironmentReport(@Query() query: ExternalEnvironmentQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const report = await this.externalEnvironment.report(query.asOf, user.locale);
    // The draft in the language asked for (the page itself stays in the reader's), the other one a link away.
    const draftLocale = query.lang ?? user.locale;
    const other = draftLocale === 'ja' ? 'en' : 'ja';
    render(response, 'pages/reports/external-environment', {
      layout: 'layouts/print', title: this.externalEnvironment.title(user.locale), report,
      draft: { locale: draftLocale, text: report.draft[draftLocale] },
      otherDraft: { label: this.externalEnvironment.draftIn(other, user.locale), href: withQuery('/reports/external-environment', { asOf: report.asOf, lang: other }, {}) },
      xlsxHref: withQuery('/reports/external-environment.xlsx', { asOf: report.asOf, lang: draftLocale }, {}),
      textHref: withQuery('/reports/external-environment.txt', { asOf: report.asOf, lang: draftLocale }, {}),
    });
  }

  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment.xlsx')
  async externalEnvironmentXlsx(@Query() query: ExternalEnvironmentQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    send(response, await this.externalEnvironment.xlsx(query.asOf, query.lang ?? user.locale));
  }

  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment.txt')
  async externalEnvironmentText(@Query() query: ExternalEnvironmentQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    send(response, await this.externalEnvironment.text(query.asOf, query.lang ?? user.locale));
  }
}

function send(response: Response, file: ExportFile): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  response.send(file.body);
}
