import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionCookies } from './session-cookies';
import { SessionRevocation } from './session-revocation.subscriber';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, SessionCookies, SessionRevocation, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AuthService, SessionCookies],
})
export class AuthModule {}
