import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionCookies } from './session-cookies';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, ApiTokensController],
  providers: [AuthService, SessionCookies, ApiTokensService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, SessionCookies, ApiTokensService],
})
export class AuthModule {}
