import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, LessThan, MoreThan } from 'typeorm';
import { Clock } from '../common/clock';
import { TooManyAttemptsError, UnauthenticatedError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { recordAudit } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthToken } from './auth-token.entity';
import { SignInFailure } from './sign-in-failure.entity';
import { AuthenticatedUser } from './authenticated-user';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { sha256Hex } from '../common/objects';
import { assertPasswordSignInAllowed } from './local-login';

/** Sign-in throttling: this many failures per account or address within the window → 429. */
export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/** One message for every failed sign-in: it must not tell whether the account exists. */
export const SIGN_IN_FAILED = 'email or password is wrong';

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
  ) {}

  /**
   * Signs in. After MAX_FAILURES failed attempts for the account or from the address within the
   * window, every attempt is refused (429) until the window has moved on, even a right one.
   */
  async login(email: string, password: string, address: string): Promise<IssuedToken> {
    const user = await this.checkCredentials(email, password, address);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlHours * 3_600_000);
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.insert(AuthToken, Object.assign(new AuthToken(), { tokenHash: sha256Hex(token), userId: user.id, expiresAt, revokedAt: null, createdAt: now }));
      await recordAudit(manager, { action: 'sign-in', entityType: 'user', entityId: user.id, actor: { id: user.id, email: user.email } });
    });
    return { token, expiresAt, user };
  }

  /**
   * The user whose e-mail and password these are — throttled, and a failure counted and audited
   * exactly like a failed sign-in — without signing in (e.g. "current password" before a change).
   */
  async checkCredentials(email: string, password: string, address: string): Promise<User> {
    assertPasswordSignInAllowed(this.config.localLogin);
    const accountHash = sha256Hex(`account:${email.trim().toLowerCase()}`);
    const addressHash = sha256Hex(`address:${address}`);
    const since = new Date(this.clock.now().getTime() - FAILURE_WINDOW_MS);
    const failures = this.dataSource.getRepository(SignInFailure);
    const [byAccount, byAddress] = await Promise.all([
      failures.countBy({ accountHash, at: MoreThan(since) }),
      failures.countBy({ addressHash, at: MoreThan(since) }),
    ]);
    if (byAccount >= MAX_FAILURES || byAddress >= MAX_FAILURES) throw new TooManyAttemptsError(FAILURE_WINDOW_MS / 1000);
    const user = await this.users.findActiveByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) {
      const now = this.clock.now();
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.insert(SignInFailure, Object.assign(new SignInFailure(), { accountHash, addressHash, at: now }));
        // The trail names a known account; what was typed for an unknown one is not kept (it may be a password).
        await recordAudit(manager, {
          action: 'sign-in-failed', entityType: 'user', entityId: user?.id ?? null,
          actor: user ? { id: user.id, email: user.email } : null,
          summary: { reason: user ? 'wrong-password' : 'unknown-account' },
        });
        // Old failures count for nothing: keep the table small.
        await manager.delete(SignInFailure, { at: LessThan(new Date(now.getTime() - 24 * 3_600_000)) });
      });
      throw new UnauthenticatedError(SIGN_IN_FAILED);
    }
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
}
