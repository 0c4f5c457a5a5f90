import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { UnauthenticatedError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { runInTransaction } from '../database/transactions';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthToken } from './auth-token.entity';
import { AuthenticatedUser } from './authenticated-user';
import { dummyPasswordHash, verifyPassword } from './password-hasher';

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

  async login(email: string, password: string): Promise<IssuedToken> {
    const user = await this.users.findActiveByEmail(email);
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !valid) throw new UnauthenticatedError(SIGN_IN_FAILED);
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.tokenTtlHours * 3_600_000);
    await runInTransaction(this.dataSource, (manager) =>
      manager.insert(AuthToken, Object.assign(new AuthToken(), { tokenHash: hashToken(token), userId: user.id, expiresAt, revokedAt: null, createdAt: now })),
    );
    return { token, expiresAt, user };
  }

  /** The user behind a bearer token, or null when it is unknown, expired, revoked or the user is disabled. */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const row = await this.dataSource
      .getRepository(AuthToken)
      .createQueryBuilder('token')
      .innerJoinAndSelect('token.user', 'user')
      .where('token.tokenHash = :hash', { hash: hashToken(token) })
      .andWhere('token.revokedAt IS NULL')
      .andWhere('token.expiresAt > :now', { now: this.clock.now() })
      .andWhere('user.active = :active', { active: true })
      .getOne();
    if (!row?.user) return null;
    const { user } = row;
    return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale, tokenId: row.id };
  }

  async logout(tokenId: string): Promise<void> {
    await this.dataSource.getRepository(AuthToken).update({ id: tokenId }, { revokedAt: this.clock.now() });
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
