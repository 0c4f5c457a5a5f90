import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { BoardReportService, BoardReportView } from './board-report.service';
import { ChecklistExportService } from './checklist-export.service';
import { BoardReportQuery } from './dto/board-report.dto';
import { DossierService } from './dossier.service';
import { ExternalEnvironmentService, ExternalEnvironmentView } from './external-environment.service';
import { ExternalEnvironmentQuery } from './dto/external-environment.dto';
import { ReportLanguageQuery } from './dto/report-language.dto';
import { ExportFile } from '../register-file/spreadsheet-writer';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly checklists: ChecklistExportService,
    private readonly board: BoardReportService,
    private readonly externalEnvironment: ExternalEnvironmentService,
  ) {}

  /** The 委託先カルテ as an A4 PDF in the caller's language (Japanese font embedded). */
  @Roles(...EVERY_ROLE)
  @Get('vendors/:id/dossier.pdf')
  @ApiProduces('application/pdf')
  async dossierPdf(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.dossiers.pdf(id, user.locale));
  }

  /** A contract's clause checklist as .xlsx: required and why, legal's review, sign-off, exceptions. */
  @Roles(...EVERY_ROLE)
  @Get('contracts/:id/checklist.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async checklistXlsx(@IdParam() id: string, @Query() query: ReportLanguageQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.checklists.xlsx(id, query.lang ?? user.locale));
  }

  /** The board report: the daily counts stored from `from` to `asOf`, and the 要是正 vendors on `asOf`. */
  @Roles(...EVERY_ROLE)
  @Get('reports/board')
  boardReport(@Query() query: BoardReportQuery, @CurrentUser() user: AuthenticatedUser): Promise<BoardReportView> {
    return this.board.report(query, query.lang ?? user.locale);
  }

  /** The board report's numbers and 要是正 list as .xlsx. */
  @Roles(...EVERY_ROLE)
  @Get('reports/board.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async boardXlsx(@Query() query: BoardReportQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.board.xlsx(query, query.lang ?? user.locale));
  }

  /**
   * 外的環境の把握 (APPI Art. 32(1)(4); 通則GL 10-7): the foreign countries where personal data is
   * handled on `asOf`, each with its last regime review (null: 未確認) and its vendors, and the
   * privacy policy's draft paragraph in Japanese and English.
   */
  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment')
  externalEnvironmentReport(@Query() query: ExternalEnvironmentQuery, @CurrentUser() user: AuthenticatedUser): Promise<ExternalEnvironmentView> {
    return this.externalEnvironment.report(query.asOf, query.lang ?? user.locale);
  }

  /** The list of countries and the draft as .xlsx. */
  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async externalEnvironmentXlsx(@Query() query: ExternalEnvironmentQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.externalEnvironment.xlsx(query.asOf, query.lang ?? user.locale));
  }

  /** The draft paragraph as text, to paste into the privacy policy. */
  @Roles(...EVERY_ROLE)
  @Get('reports/external-environment.txt')
  @ApiProduces('text/plain')
  async externalEnvironmentText(@Query() query: ExternalEnvironmentQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.externalEnvironment.text(query.asOf, query.lang ?? user.locale));
  }
}

function download(file: ExportFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
}
