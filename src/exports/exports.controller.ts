import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ExportQuery } from './dto/export.dto';
import { ExportOptions, ExportsService } from './exports.service';
import { ExportStream } from '../register-file/spreadsheet-writer';

const PRODUCES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

@ApiTags('exports')
@ApiBearerAuth()
@Controller('api/v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  /** The vendor register (importable again), with risk tier, compliance status and flag codes. */
  @Roles(...EVERY_ROLE)
  @Get('vendors')
  @ApiProduces(...PRODUCES)
  async vendors(@Query() query: ExportQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.exports.vendorRegister(query, options(query, user)));
  }

  /** Contracts with their clause checklist as a matrix (one column per clause type). */
  @Roles(...EVERY_ROLE)
  @Get('contracts')
  @ApiProduces(...PRODUCES)
  async contracts(@Query() query: ExportQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.exports.contractChecklists(query, options(query, user)));
  }

  /** Audits and their findings. */
  @Roles(...EVERY_ROLE)
  @Get('audits')
  @ApiProduces(...PRODUCES)
  async audits(@Query() query: ExportQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.exports.auditsAndFindings(query, options(query, user)));
  }
}

function options(query: ExportQuery, user: AuthenticatedUser): ExportOptions {
  return { format: query.format ?? 'csv', locale: query.lang ?? user.locale, values: query.values };
}

/** Sent as it is produced (chunked): a register of 100,000 vendors is never held whole. */
function download(file: ExportStream): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
}
