import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { DossierService } from './dossier.service';
import { ReportFile } from './report-file';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(private readonly dossiers: DossierService) {}

  /** The 委託先カルテ as an A4 PDF in the caller's language (Japanese font embedded). */
  @Roles(...EVERY_ROLE)
  @Get('vendors/:id/dossier.pdf')
  @ApiProduces('application/pdf')
  async dossierPdf(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.dossiers.pdf(id, user.locale));
  }
}

function download(file: ReportFile): StreamableFile {
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"` });
}
