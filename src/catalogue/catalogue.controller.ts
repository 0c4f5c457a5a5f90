import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { CatalogueService } from './catalogue.service';
import { ClauseTypeView, RequirementQuery, RequirementView, toClauseTypeView, toRequirementView } from './dto/catalogue.dto';

@ApiTags('catalogue')
@ApiBearerAuth()
@Roles(...EVERY_ROLE)
@Controller('api/v1')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get('clause-types')
  async clauseTypes(): Promise<ClauseTypeView[]> {
    return (await this.catalogue.clauseTypes()).map(toClauseTypeView);
  }

  @Get('requirements')
  async requirements(@Query() query: RequirementQuery): Promise<RequirementView[]> {
    return (await this.catalogue.requirements(query)).map(toRequirementView);
  }
}
