import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { Page, PageQuery, paginate } from '../common/pagination';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CHECKLIST_WRITERS, CONTRACT_WRITERS, EVERY_ROLE, Roles } from '../common/access-policy';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { IdParam } from '../common/id-param';
import { ChecklistEventView, ChecklistView, ContractView } from './contract.view';
import { ContractChecklistService } from './contract-checklist.service';
import { ContractsService } from './contracts.service';
import { ApproveChecklistDto, CreateContractDto, UpdateChecklistItemDto, UpdateContractDto } from './dto/contract.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/v1')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly checklists: ContractChecklistService,
  ) {}

  @Roles(...EVERY_ROLE)
  @Get('vendors/:id/contracts')
  async list(@IdParam() vendorId: string, @Query() query: PageQuery): Promise<Page<ContractView>> {
    return paginate(await this.contracts.listForVendor(vendorId), query);
  }

  @Roles(...CONTRACT_WRITERS)
  @Post('vendors/:id/contracts')
  create(@IdParam() vendorId: string, @Body() body: CreateContractDto): Promise<ContractView> {
    return this.contracts.create(vendorId, body);
  }

  @Roles(...EVERY_ROLE)
  @Get('contracts/:id')
  get(@IdParam() id: string): Promise<ContractView> {
    return this.contracts.get(id);
  }

  @Roles(...CONTRACT_WRITERS)
  @Patch('contracts/:id')
  update(@IdParam() id: string, @Body() body: UpdateContractDto): Promise<ContractView> {
    return this.contracts.update(id, body);
  }

  @Roles(...EVERY_ROLE)
  @Get('contracts/:id/checklist')
  checklist(@IdParam() id: string): Promise<ChecklistView> {
    return this.checklists.checklist(id);
  }

  @Roles(...EVERY_ROLE)
  @Get('contracts/:id/checklist/history')
  history(@IdParam() id: string): Promise<ChecklistEventView[]> {
    return this.checklists.history(id);
  }

  @Roles(...CHECKLIST_WRITERS)
  @Put('contracts/:id/checklist/:clauseType')
  updateItem(
    @IdParam() id: string,
    @Param('clauseType') clauseType: string,
    @Body() body: UpdateChecklistItemDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ChecklistView> {
    return this.checklists.updateItem(id, clauseType, body, user);
  }

  @Roles(...CHECKLIST_WRITERS)
  @Post('contracts/:id/checklist/approve')
  @HttpCode(200)
  approve(@IdParam() id: string, @Body() body: ApproveChecklistDto, @CurrentUser() user: AuthenticatedUser): Promise<ChecklistView> {
    return this.checklists.approve(id, body.version, user, body.exceptions);
  }
}
