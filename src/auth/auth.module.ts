import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AccountUnlockController } from './account-unlock.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionCookies } from './session-cookies';
import { SessionRevocation } from './session-revocation.subscriber';
import { SignInThrottleService } from './sign-in-throttle.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, AccountUnlockController],
  providers: [AuthService, SessionCookies, SessionRevocation, SignInThrottleService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, SessionCookies, SignInThrottleService],
})
export class AuthModule {}
