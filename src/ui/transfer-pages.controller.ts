import { Body, Controller, Get, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { NotFoundError } from '../common/domain-errors';
import { ExportsService } from '../exports/exports.service';
import { sendFile } from '../register-file/spreadsheet-writer';
import { ExportQuery } from '../exports/dto/export.dto';
import { ImportVendorsForm, isTrue, TemplateQuery } from '../imports/dto/import.dto';
import { ImportRejectedError, ImportResult } from '../imports/import-result';
import { ImportsService } from '../imports/imports.service';
import { SpreadsheetUploadInterceptor } from '../imports/spreadsheet-upload.interceptor';
import { UploadedSpreadsheet } from '../register-file/spreadsheet-reader';
import { render } from './forms';

/** Rows of a result shown on the page; the rest is counted (the API answers them all). */
const SHOWN_ROWS = 200;

const EXPORTS = {
  vendors: (exports: ExportsService) => exports.vendorRegister.bind(exports),
  contracts: (exports: ExportsService) => exports.contractChecklists.bind(exports),
  audits: (exports: ExportsService) => exports.auditsAndFindings.bind(exports),
} as const;

/** Import of the vendor register (委託先管理台帳) and the spreadsheet exports, as pages over the same services as the API. */
@ApiExcludeController()
@Controller()
export class TransferPagesController {
  constructor(
    private readonly imports: ImportsService,
    private readonly exports: ExportsService,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('imports')
  page(@Res() response: Response): void {
    render(response, 'pages/imports', { nav: 'transfer', titleKey: 'ui.transfer.title', dryRun: true });
  }

  /** Multipart: the CSRF token travels in the query string (the body is read after the guard). */
  @Roles(...VENDOR_WRITERS)
  @Post('imports')
  @UseInterceptors(SpreadsheetUploadInterceptor)
  async run(
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Body() body: ImportVendorsForm,
    @Res() response: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    const dryRun = isTrue(body?.dryRun);
    let result: ImportResult;
    try {
      result = await this.imports.run(file, { dryRun, locale: user.locale });
    } catch (error) {
      if (!(error instanceof ImportRejectedError)) throw error;
      result = error.result;
    }
    render(response, 'pages/imports', {
      nav: 'transfer', titleKey: 'ui.transfer.title', dryRun, result,
      outcome: result.written ? 'ui.transfer.written' : result.errors.length > 0 ? 'ui.transfer.rejected' : 'ui.transfer.dryRunDone',
      shownItems: result.items.slice(0, SHOWN_ROWS),
      moreRows: Math.max(0, result.items.length - SHOWN_ROWS),
    }, result.errors.length > 0 ? 400 : 200);
  }

  @Roles(...EVERY_ROLE)
  @Get('imports/template')
  async template(@Query() query: TemplateQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    sendFile(response, await this.imports.template(query.format ?? 'csv', query.lang ?? user.locale));
  }

  /** The exports of the JSON API (`/api/v1/exports/…`), for the signed-in browser; list filters apply. */
  @Roles(...EVERY_ROLE)
  @Get('exports/:kind')
  async export(@Param('kind') kind: string, @Query() query: ExportQuery, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    if (!(kind in EXPORTS)) throw new NotFoundError('export', kind);
    const exporter = EXPORTS[kind as keyof typeof EXPORTS](this.exports);
    sendFile(response, await exporter(query, { format: query.format ?? 'csv', locale: query.lang ?? user.locale, values: query.values }));
  }
}
