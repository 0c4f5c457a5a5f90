import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ImportVendorsForm, ImportVendorsQuery, isTrue, TemplateQuery } from './dto/import.dto';
import { ImportResult } from './import-result';
import { ImportsService } from './imports.service';
import { SpreadsheetUploadInterceptor } from './spreadsheet-upload.interceptor';
import { UploadedSpreadsheet } from '../register-file/spreadsheet-reader';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** Vendors and their contracts from CSV or .xlsx; `dryRun=true` reports without writing. Contracts are written too (compliance and admin may). */
  @Roles(...VENDOR_WRITERS)
  @Post('vendors')
  @HttpCode(200)
  @UseInterceptors(SpreadsheetUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, dryRun: { type: 'string', enum: ['true', 'false'] } } } })
  importVendors(
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Query() query: ImportVendorsQuery,
    @Body() form: ImportVendorsForm,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportResult> {
    return this.imports.run(file, { dryRun: isTrue(query.dryRun ?? form?.dryRun), locale: query.lang ?? user.locale });
  }

  @Roles(...EVERY_ROLE)
  @Get('vendors/template')
  async template(@Query() query: TemplateQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const file = await this.imports.template(query.format ?? 'csv', query.lang ?? user.locale);
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
  }
}
