import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AccountUnlockController } from './account-unlock.controller';
import { ApiTokensController } from './api-tokens.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionCookies } from './session-cookies';
import { SessionRevocation } from './session-revocation.subscriber';
import { SignInThrottleService } from './sign-in-throttle.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, AccountUnlockController, ApiTokensController],
  providers: [AuthService, SessionCookies, SessionRevocation, SignInThrottleService, ApiTokensService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, SessionCookies, SignInThrottleService, ApiTokensService],
})
export class AuthModule {}
