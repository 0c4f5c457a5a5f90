import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { Page } from '../common/pagination';
import { ComplianceService, VendorComplianceView } from './compliance.service';
import { AsOfQuery, FlagListQuery } from './dto/compliance-query.dto';
import { FlagView } from './flag.view';

@ApiTags('compliance')
@ApiBearerAuth()
@Roles(...EVERY_ROLE)
@Controller('api/v1')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('vendors/:id/compliance')
  forVendor(@IdParam() id: string, @Query() query: AsOfQuery, @CurrentUser() user: AuthenticatedUser): Promise<VendorComplianceView> {
    return this.compliance.forVendor(id, query.asOf, user.locale);
  }

  @Get('flags')
  flags(@Query() query: FlagListQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<FlagView & { vendorName: string }>> {
    return this.compliance.flags(query, user.locale);
  }
}
