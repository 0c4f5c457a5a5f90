import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { UnauthenticatedError, ValidationError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { recordAudit } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthToken } from './auth-token.entity';
import { SignInThrottleService } from './sign-in-throttle.service';
import { AuthenticatedUser } from '../common/authenticated-user';
import { dummyPasswordHash, verifyPassword } from '../users/password-hasher';
import { sha256Hex } from '../common/objects';
import { assertPasswordSignInAllowed } from './local-login';

export interface IssuedToken {
  token: string;
  expiresAt: Date;
  user: User;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly throttle: SignInThrottleService,
  ) {}

  /** Signs in, throttled by the sign-in policy (sign-in-policy.ts: 429 with Retry-After when refused). */
  async login(email: string, password: string, address: string): Promise<IssuedToken> {
    const user = await this.checkCredentials(email, password, address);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlHours * 3_600_000);
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.insert(AuthToken, Object.assign(new AuthToken(), { tokenHash: sha256Hex(token), userId: user.id, expiresAt, revokedAt: null, createdAt: now }));
      await recordAudit(manager, { action: 'sign-in', entityType: 'user', entityId: user.id, actor: { id: user.id, email: user.email }, summary: { address } });
    });
    return { token, expiresAt, user };
  }

  /**
   * The user whose e-mail and password these are — throttled, and a failure counted and audited
   * exactly like a failed sign-in — without signing in (e.g. "current password" before a change).
   * The attempt is reserved before the password is checked (sign-in-throttle.service.ts), so parallel
   * guesses cannot all pass the throttle.
   */
  async checkCredentials(email: string, password: string, address: string): Promise<User> {
    assertPasswordSignInAllowed(this.config.localLogin);
    const reservation = await this.throttle.reserve(email, address);
    const user = await this.users.findActiveByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) {
      await runInTransaction(this.dataSource, async (manager) => {
        // The trail names a known account; what was typed for an unknown one is not kept (it may be a password).
        await recordAudit(manager, {
          action: 'sign-in-failed', entityType: 'user', entityId: user?.id ?? null,
          actor: user ? { id: user.id, email: user.email } : null,
          summary: { reason: user ? 'wrong-password' : 'unknown-account', address },
        });
      });
      // One refusal for every failed sign-in: it must not tell whether the account exists.
      throw new UnauthenticatedError('sign-in-failed');
    }
    await this.throttle.succeeded(reservation);
    assertPasswordSignInAllowed(this.config.localLogin, user.role);
    return user;
  }

  /** The user behind a bearer token, or null when it is unknown, expired, revoked or the user is disabled. */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const row = await this.dataSource
      .getRepository(AuthToken)
      .createQueryBuilder('token')
      .innerJoinAndSelect('token.user', 'user')
      .where('token.tokenHash = :hash', { hash: sha256Hex(token) })
      .andWhere('token.revokedAt IS NULL')
      .andWhere('token.expiresAt > :now', { now: this.clock.now() })
      .andWhere('user.active = :active', { active: true })
      .getOne();
    if (!row?.user) return null;
    const { user } = row;
    return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, tokenId: row.id };
  }

  async logout(tokenId: string): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const token = await manager.findOneByOrFail(AuthToken, { id: tokenId });
      await manager.update(AuthToken, { id: tokenId }, { revokedAt: this.clock.now() });
      await recordAudit(manager, { action: 'sign-out', entityType: 'user', entityId: token.userId });
    });
  }

  /**
   * The account page's password change: the current password is checked like a sign-in (throttled,
   * a failure counted and audited), and a wrong one is bad input on that field (400), not a sign-out;
   * the change ends every session of the user (SessionRevocation), so the caller gets a new one.
   */
  async changePassword(user: AuthenticatedUser, currentPassword: string, newPassword: string, address: string): Promise<IssuedToken> {
    try {
      await this.checkCredentials(user.email, currentPassword, address);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw new ValidationError({ field: 'currentPassword', code: 'current-password-wrong' });
      throw error;
    }
    const current = await this.users.get(user.id);
    await this.users.update(user.id, { version: current.version, password: newPassword });
    return this.login(user.email, newPassword, address);
  }
}
