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
import { FieldErrors, form, render, submitForm, validated } from './forms';

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
  createSubcontractor(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateSubcontractorDto, {
        name: form.text(body.name) ?? '', country: form.text(body.country) ?? '', services: form.text(body.services) ?? '',
        parentId: form.text(body.parentId), approvedOn: form.text(body.approvedOn), approvedBy: form.text(body.approvedBy),
      }),
      save: async (value) => {
        await this.subcontractors.create(vendorId, value);
        return `/vendors/${vendorId}?notice=saved#subcontractors`;
      },
      reshow: (errors, status) => this.renderSubcontractorForm(response, vendorId, shown(body), errors, status),
    });
  }

  /**
   * Approve, object (a reason is required) or mark withdrawn, at the version shown. A refused change
   * (missing reason, stale version, not allowed) shows the subcontractor with the input kept.
   */
  @Roles(...VENDOR_WRITERS)
  @Post('subcontractors/:id')
  updateSubcontractor(@IdParam() id: string, @Body() body: Record<string, unknown>, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(UpdateSubcontractorDto, { version: form.integer(body.version), status: form.text(body.status) ?? '', objectionReason: form.text(body.objectionReason) }),
      save: async (value) => `/vendors/${(await this.subcontractors.update(id, value, user)).vendorId}?notice=saved#subcontractors`,
      reshow: async (errors, status) => {
        const stored = await this.subcontractors.get(id);
        const vendor = await this.vendors.get(stored.vendorId);
        const input = shown(body);
        render(response, 'pages/supervision/subcontractor-update', {
          nav: 'vendors', titleKey: 'ui.supervision.updateSubcontractor', vendor: { id: vendor.id, name: vendor.name }, subcontractor: stored,
          input: { ...input, version: errors.version ? stored.version : input.version }, errors, conflict: Boolean(errors.version), actions: allowedMoves('subcontractor', stored.status),
        }, status);
      },
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/certificates/new')
  async newCertificate(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderCertificateForm(response, vendorId, { kind: 'privacy-mark' }, {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/certificates')
  createCertificate(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateCertificateDto, {
        kind: form.text(body.kind), issuer: form.text(body.issuer), number: form.text(body.number), scope: form.text(body.scope), validUntil: form.text(body.validUntil) ?? '',
      }),
      save: async (value) => {
        await this.certificates.create(vendorId, value);
        return `/vendors/${vendorId}?notice=saved#certificates`;
      },
      reshow: (errors, status) => this.renderCertificateForm(response, vendorId, shown(body), errors, status),
    });
  }

  @Roles(...VENDOR_WRITERS)
  @Get('vendors/:id/deletion-certificates/new')
  async newDeletion(@IdParam() vendorId: string, @Res() response: Response): Promise<void> {
    await this.renderDeletionForm(response, vendorId, {}, {});
  }

  @Roles(...VENDOR_WRITERS)
  @Post('vendors/:id/deletion-certificates')
  createDeletion(@IdParam() vendorId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateDeletionCertificateDto, { receivedOn: form.text(body.receivedOn) ?? '', contractId: form.text(body.contractId), note: form.text(body.note) }),
      save: async (value) => {
        await this.certificates.createDeletion(vendorId, value);
        return `/vendors/${vendorId}?notice=saved#deletion-certificates`;
      },
      reshow: (errors, status) => this.renderDeletionForm(response, vendorId, shown(body), errors, status),
    });
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
