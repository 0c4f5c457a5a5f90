import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { DossierService } from '../reports/dossier.service';
import { ReportFile } from '../reports/report-file';
import { render } from './forms';

/** Report pages designed for printing (layouts/print: no navigation), and their downloads. */
@ApiExcludeController()
@Controller()
export class ReportPagesController {
  constructor(private readonly dossiers: DossierService) {}

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
}

function send(response: Response, file: ReportFile): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  response.send(file.body);
}
