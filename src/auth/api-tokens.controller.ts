import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../common/id-param';
import { Page, PageQuery } from '../common/pagination';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { ApiTokensService } from './api-tokens.service';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { ApiTokenView, CreateApiTokenDto, CreatedApiTokenView } from './dto/api-token.dto';

/** The caller's own personal API tokens. */
@ApiTags('auth')
@ApiBearerAuth()
@Roles(...EVERY_ROLE)
@Controller('api/v1/auth/tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQuery): Promise<Page<ApiTokenView>> {
    return this.tokens.list(user.id, query);
  }

  @Post()
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateApiTokenDto): Promise<CreatedApiTokenView> {
    return this.tokens.create(user, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentUser() user: AuthenticatedUser, @IdParam() id: string): Promise<void> {
    await this.tokens.revoke(user.id, id);
  }
}
