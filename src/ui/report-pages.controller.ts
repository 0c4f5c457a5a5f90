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
import { ExportFile } from '../register-file/spreadsheet-writer';

/** Report pages designed for printing (layouts/print: no navigation), and their downloads. */
@ApiExcludeController()
@Controller()
export class ReportPagesController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly checklists: ChecklistExportService,
    private readonly board: BoardReportService,
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
}

function send(response: Response, file: ExportFile): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  response.send(file.body);
}
