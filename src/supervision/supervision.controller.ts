import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { PageQuery, paginate } from '../common/pagination';
import { AssessmentsService } from './assessments.service';
import { AuditsService } from './audits.service';
import { CertificatesService } from './certificates.service';
import {
  AuditListQuery, CreateAssessmentDto, CreateAuditDto, CreateCertificateDto, CreateDeletionCertificateDto, CreateFindingDto, CreateSubcontractorDto,
  FindingListQuery, UpdateAuditDto, UpdateFindingDto, UpdateSubcontractorDto,
} from './dto/supervision.dto';
import { SubcontractorsService } from './subcontractors.service';

/** The duties that are not contract clauses (PPC GL 3-4-4: selection, supervision, re-entrustment): read by everyone, written by compliance and admins. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('api/v1')
export class SupervisionController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly audits: AuditsService,
    private readonly subcontractors: SubcontractorsService,
    private readonly certificates: CertificatesService,
  ) {}

  @Roles(...EVERY_ROLE) @Get('vendors/:id/assessments')
  async listAssessments(@IdParam() vendorId: string, @Query() query: PageQuery) {
    return paginate(await this.assessments.list(vendorId), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/assessments')
  createAssessment(@IdParam() vendorId: string, @Body() body: CreateAssessmentDto, @CurrentUser() user: AuthenticatedUser) {
    return this.assessments.create(vendorId, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('audits')
  listAudits(@Query() query: AuditListQuery) {
    return this.audits.list(query);
  }

  @Roles(...EVERY_ROLE) @Get('vendors/:id/audits')
  vendorAudits(@IdParam() vendorId: string, @Query() query: AuditListQuery) {
    return this.audits.list({ ...query, vendorId });
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/audits')
  createAudit(@IdParam() vendorId: string, @Body() body: CreateAuditDto) {
    return this.audits.create(vendorId, body);
  }

  @Roles(...EVERY_ROLE) @Get('audits/:id')
  getAudit(@IdParam() id: string) {
    return this.audits.get(id);
  }

  @Roles(...VENDOR_WRITERS) @Patch('audits/:id')
  updateAudit(@IdParam() id: string, @Body() body: UpdateAuditDto) {
    return this.audits.update(id, body);
  }

  @Roles(...EVERY_ROLE) @Get('audits/:id/findings')
  async auditFindings(@IdParam() id: string, @Query() query: PageQuery) {
    return paginate(await this.audits.findingsOf(id), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('audits/:id/findings')
  createFinding(@IdParam() id: string, @Body() body: CreateFindingDto) {
    return this.audits.createFinding(id, body);
  }

  @Roles(...EVERY_ROLE) @Get('findings')
  listFindings(@Query() query: FindingListQuery) {
    return this.audits.listFindings(query);
  }

  @Roles(...VENDOR_WRITERS) @Patch('findings/:id')
  updateFinding(@IdParam() id: string, @Body() body: UpdateFindingDto, @CurrentUser() user: AuthenticatedUser) {
    return this.audits.updateFinding(id, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('vendors/:id/subcontractors')
  async listSubcontractors(@IdParam() vendorId: string, @Query() query: PageQuery) {
    return paginate(await this.subcontractors.list(vendorId), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/subcontractors')
  createSubcontractor(@IdParam() vendorId: string, @Body() body: CreateSubcontractorDto) {
    return this.subcontractors.create(vendorId, body);
  }

  @Roles(...VENDOR_WRITERS) @Patch('subcontractors/:id')
  updateSubcontractor(@IdParam() id: string, @Body() body: UpdateSubcontractorDto, @CurrentUser() user: AuthenticatedUser) {
    return this.subcontractors.update(id, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('vendors/:id/certificates')
  async listCertificates(@IdParam() vendorId: string, @Query() query: PageQuery) {
    return paginate(await this.certificates.list(vendorId), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/certificates')
  createCertificate(@IdParam() vendorId: string, @Body() body: CreateCertificateDto) {
    return this.certificates.create(vendorId, body);
  }

  @Roles(...EVERY_ROLE) @Get('vendors/:id/deletion-certificates')
  async listDeletionCertificates(@IdParam() vendorId: string, @Query() query: PageQuery) {
    return paginate(await this.certificates.listDeletions(vendorId), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/deletion-certificates')
  createDeletionCertificate(@IdParam() vendorId: string, @Body() body: CreateDeletionCertificateDto) {
    return this.certificates.createDeletion(vendorId, body);
  }
}
