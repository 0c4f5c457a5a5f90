import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { ContractsService } from '../contracts/contracts.service';
import { allowedMoves } from '../rules/lifecycles';
import { CertificatesService } from '../supervision/certificates.service';
import { CreateCertificateDto, CreateDeletionCertificateDto, CreateSubcontractorDto, UpdateSubcontractorDto } from '../supervision/dto/supervision.dto';
import { SubcontractorsService } from '../supervision/subcontractors.service';
import { CERTIFICATE_KINDS } from '../supervision/supervision.entities';
import { VendorsService } from '../vendors/vendors.service';
import { FieldErrors, form, formErrorOf, render, validateForm } from './forms';

/**
 * Records of a vendor kept from its page (compliance, admin): subcontractors (再委託先) with their
 * approval or objection, third-party certificates and deletion certificates (廃棄証明書).
 */
@ApiExcludeController()
@Controller()
export class RecordsPagesController {
  constructor(
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
    private readonly subcontractors: SubcontractorsService,
    private readonly certificates: CertificatesService,
  ) {}

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/subcontractors/new')
  async newSubcontractor(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderSubcontractorForm(response, vendorId, { country: 'JP' }, {});
  }

  /** Registered with an approval date or approver: approved; otherwise pending, with the objection deadline the settings give. */
  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/subcontractors')
  async createSubcontractor(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = shown(body);
    const { value, errors } = await validateForm(CreateSubcontractorDto, {
      name: form.text(body.name) ?? '', country: form.text(body.country) ?? '', services: form.text(body.services) ?? '',
      parentId: form.text(body.parentId), approvedOn: form.text(body.approvedOn), approvedBy: form.text(body.approvedBy),
    });
    if (errors) return this.renderSubcontractorForm(response, vendorId, input, errors, 400);
    try {
      await this.subcontractors.create(vendorId, value);
      response.redirect(303, `/vendors/${vendorId}?notice=saved#subcontractors`);
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await this.renderSubcontractorForm(response, vendorId, input, inline.errors, inline.status);
    }
  }

  /**
   * Approve, object (a reason is required) or mark withdrawn, at the version shown. A refused change
   * (missing reason, stale version, not allowed) shows the subcontractor with the input kept.
   */
  @Roles(...VENDOR_WRITERS)
  @Post('subcontractors/:id')
  async updateSubcontractor(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const current = await this.subcontractors.get(id);
    const input = shown(body);
    const fail = async (errors: FieldErrors, status = 400) => {
      const stored = await this.subcontractors.get(id);
      const vendor = await this.vendors.get(stored.vendorId);
      render(response, 'pages/supervision/subcontractor-update', {
        nav: 'vendors', titleKey: 'ui.supervision.updateSubcontractor', vendor: { id: vendor.id, name: vendor.name }, subcontractor: stored,
        input: { ...input, version: errors.version ? stored.version : input.version }, errors, conflict: Boolean(errors.version), actions: allowedMoves('subcontractor', stored.status),
      }, status);
    };
    const { value, errors } = await validateForm(UpdateSubcontractorDto, {
      version: form.integer(body.version), status: form.text(body.status) ?? '', objectionReason: form.text(body.objectionReason),
    });
    if (errors) return fail(errors);
    try {
      await this.subcontractors.update(id, value, user);
      response.redirect(303, `/vendors/${current.vendorId}?notice=saved#subcontractors`);
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await fail(inline.errors, inline.status);
    }
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/certificates/new')
  async newCertificate(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderCertificateForm(response, vendorId, { kind: 'privacy-mark' }, {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/certificates')
  async createCertificate(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = shown(body);
    const { value, errors } = await validateForm(CreateCertificateDto, {
      kind: form.text(body.kind), issuer: form.text(body.issuer), number: form.text(body.number), scope: form.text(body.scope), validUntil: form.text(body.validUntil) ?? '',
    });
    if (errors) return this.renderCertificateForm(response, vendorId, input, errors, 400);
    try {
      await this.certificates.create(vendorId, value);
      response.redirect(303, `/vendors/${vendorId}?notice=saved#certificates`);
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await this.renderCertificateForm(response, vendorId, input, inline.errors, inline.status);
    }
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/deletion-certificates/new')
  async newDeletion(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderDeletionForm(response, vendorId, {}, {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/deletion-certificates')
  async createDeletion(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const input = shown(body);
    const { value, errors } = await validateForm(CreateDeletionCertificateDto, {
      receivedOn: form.text(body.receivedOn) ?? '', contractId: form.text(body.contractId), note: form.text(body.note),
    });
    if (errors) return this.renderDeletionForm(response, vendorId, input, errors, 400);
    try {
      await this.certificates.createDeletion(vendorId, value);
      response.redirect(303, `/vendors/${vendorId}?notice=saved#deletion-certificates`);
    } catch (error) {
      const inline = formErrorOf(error);
      if (!inline) throw error;
      await this.renderDeletionForm(response, vendorId, input, inline.errors, inline.status);
    }
  }

  private async renderSubcontractorForm(response: Response, vendorId: string, input: Record<string, unknown>, errors: FieldErrors, status = 200): Promise<void> {
    const [vendor, parents] = await Promise.all([this.vendors.get(vendorId), this.subcontractors.list(vendorId)]);
    render(response, 'pages/supervision/subcontractor-form', {
      nav: 'vendors', titleKey: 'ui.supervision.newSubcontractor', vendor: { id: vendor.id, name: vendor.name }, parents, input, errors,
    }, status);
  }

  private async renderCertificateForm(response: Response, vendorId: string, input: Record<string, unknown>, errors: FieldErrors, status = 200): Promise<void> {
    const vendor = await this.vendors.get(vendorId);
    render(response, 'pages/supervision/certificate-form', {
      nav: 'vendors', titleKey: 'ui.supervision.newCertificate', vendor: { id: vendor.id, name: vendor.name }, options: { kinds: CERTIFICATE_KINDS }, input, errors,
    }, status);
  }

  private async renderDeletionForm(response: Response, vendorId: string, input: Record<string, unknown>, errors: FieldErrors, status = 200): Promise<void> {
    const [vendor, contracts] = await Promise.all([this.vendors.get(vendorId), this.contracts.listForVendor(vendorId)]);
    render(response, 'pages/supervision/deletion-form', {
      nav: 'vendors', titleKey: 'ui.supervision.newDeletion', vendor: { id: vendor.id, name: vendor.name }, contracts, input, errors,
    }, status);
  }

}

/** What the user typed, to show again (the CSRF token left out). */
function shown(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
}
