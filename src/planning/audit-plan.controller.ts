import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles, VENDOR_WRITERS } from '../common/access-policy';
import { AuditPlanService } from './audit-plan.service';
import { AuditPlanQuery, CreateAuditPlanDto } from './dto/audit-plan.dto';

@ApiTags('audit plan')
@ApiBearerAuth()
@Controller('api/v1/audit-plan')
export class AuditPlanController {
  constructor(private readonly plan: AuditPlanService) {}

  /** The vendors whose periodic audit falls due between `from` and `to`, soonest first. */
  @Roles(...EVERY_ROLE) @Get()
  candidates(@Query() query: AuditPlanQuery) {
    return this.plan.candidates(query);
  }

  /** Planned audits for many vendors, created in one transaction (all or none). */
  @Roles(...VENDOR_WRITERS) @Post()
  create(@Body() body: CreateAuditPlanDto) {
    return this.plan.plan(body.audits);
  }
}
