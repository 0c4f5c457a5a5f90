import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ADMINS, Roles } from '../common/access-policy';
import { IdParam } from '../common/id-param';
import { Page, PageQuery } from '../common/pagination';
import { CreateUserDto, toUserView, UpdateUserDto, UserView } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles(...ADMINS)
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  async list(@Query() query: PageQuery): Promise<Page<UserView>> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(toUserView) };
  }

  @Post()
  async create(@Body() body: CreateUserDto): Promise<UserView> {
    return toUserView(await this.users.create(body));
  }

  @Get(':id')
  async get(@IdParam() id: string): Promise<UserView> {
    return toUserView(await this.users.get(id));
  }

  @Patch(':id')
  async update(@IdParam() id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return toUserView(await this.users.update(id, body));
  }
}
