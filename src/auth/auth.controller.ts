import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { toUserView, UserView } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import { EVERY_ROLE, Public, Roles } from '../common/access-policy';
import { AuthService } from './auth.service';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { LoginDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Ip() address: string): Promise<{ token: string; expiresAt: string; user: Pick<UserView, 'id' | 'email' | 'name' | 'role' | 'locale'> }> {
    const { token, expiresAt, user } = await this.auth.login(body.email, body.password, address);
    return { token, expiresAt: expiresAt.toISOString(), user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale } };
  }

  @ApiBearerAuth()
  @Roles(...EVERY_ROLE)
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.auth.logout(user.tokenId);
  }

  @ApiBearerAuth()
  @Roles(...EVERY_ROLE)
  @Get('me')
  async me(@CurrentUser() user: AuthenticatedUser): Promise<UserView> {
    return toUserView(await this.users.get(user.id));
  }
}
