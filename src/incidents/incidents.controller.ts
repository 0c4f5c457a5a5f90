import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ValidationError } from '../common/domain-errors';
import { IdParam } from '../common/id-param';
import { PageQuery, paginate } from '../common/pagination';
import { OBLIGATION_CODES, ObligationCode } from '../rules/incident-obligations';
import { CreateIncidentDto, CreateReportDto, IncidentListQuery, UpdateIncidentDto, UpdateObligationDto } from './dto/incident.dto';
import { IncidentsService } from './incidents.service';

/** An obligation code in the path; anything else is a 400 naming the parameter. */
const CodeParam = () =>
  Param('code', {
    transform: (value: string) => {
      if (!(OBLIGATION_CODES as readonly string[]).includes(value)) throw new ValidationError({ field: 'code', code: 'validation.isIn', params: { allowed: [...OBLIGATION_CODES] } });
      return value as ObligationCode;
    },
  });

/** 漏えい等: the incident register, as a supervision record: read by everyone, written by compliance and admins. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/v1')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Roles(...EVERY_ROLE) @Get('incidents')
  @ApiOperation({ summary: 'every incident: open and contained first, by the nearest deadline of an open obligation' })
  list(@Query() query: IncidentListQuery) {
    return this.incidents.list(query);
  }

  @Roles(...EVERY_ROLE) @Get('vendors/:id/incidents')
  vendorIncidents(@IdParam() vendorId: string, @Query() query: IncidentListQuery) {
    return this.incidents.list({ ...query, vendorId });
  }

  @Roles(...VENDOR_WRITERS) @Post('vendors/:id/incidents')
  @ApiOperation({ summary: 'records an incident; its obligations (reports and notices, with deadlines) follow from its facts and the organisation profile' })
  create(@IdParam() vendorId: string, @Body() body: CreateIncidentDto, @CurrentUser() user: AuthenticatedUser) {
    return this.incidents.create(vendorId, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('incidents/:id')
  get(@IdParam() id: string) {
    return this.incidents.get(id);
  }

  @Roles(...VENDOR_WRITERS) @Patch('incidents/:id')
  update(@IdParam() id: string, @Body() body: UpdateIncidentDto) {
    return this.incidents.update(id, body);
  }

  @Roles(...EVERY_ROLE) @Get('incidents/:id/obligations')
  async obligations(@IdParam() id: string, @Query() query: PageQuery) {
    return paginate(await this.incidents.obligations(id), query);
  }

  @Roles(...VENDOR_WRITERS) @Patch('incidents/:id/obligations/:code')
  @ApiOperation({ summary: 'closes an obligation as not required (a reason is required) or reopens it' })
  @ApiParam({ name: 'code', enum: OBLIGATION_CODES })
  updateObligation(@IdParam() id: string, @CodeParam() code: ObligationCode, @Body() body: UpdateObligationDto, @CurrentUser() user: AuthenticatedUser) {
    return this.incidents.updateObligation(id, code, body, user);
  }

  @Roles(...EVERY_ROLE) @Get('incidents/:id/reports')
  async reports(@IdParam() id: string, @Query() query: PageQuery) {
    return paginate(await this.incidents.reports(id), query);
  }

  @Roles(...VENDOR_WRITERS) @Post('incidents/:id/reports')
  @ApiOperation({ summary: 'records a report or notice made (when, by whom, the reference number; for a 確報 the items of PPC rules Art. 8(1) known or unknown); its obligation becomes reported' })
  createReport(@IdParam() id: string, @Body() body: CreateReportDto, @CurrentUser() user: AuthenticatedUser) {
    return this.incidents.createReport(id, body, user);
  }
}
