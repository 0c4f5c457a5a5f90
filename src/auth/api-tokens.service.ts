import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { changesBetween, recordAudit } from '../audit-log/audit-trail';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { runInTransaction } from '../database/transactions';
import { AuthToken } from './auth-token.entity';
import { ApiTokenView, CreateApiTokenDto, CreatedApiTokenView, DEFAULT_TOKEN_DAYS, toApiTokenView } from './dto/api-token.dto';
import { issueToken } from './issue-token';

/**
 * Personal API tokens: named bearer tokens a signed-in user makes for scripts and integrations
 * (the only way to the JSON API for people who sign in through single sign-on). They are
 * auth_tokens rows with a name, so expiry, revocation, disabling the user and a password change
 * end them exactly like any other token.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, query: PageQuery): Promise<Page<ApiTokenView>> {
    const [rows, total] = await this.dataSource.getRepository(AuthToken).findAndCount({
      where: { userId, name: Not(IsNull()) },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const now = this.clock.now();
    return pageOf(rows.map((row) => toApiTokenView(row, now)), total, query);
  }

  async create(user: { id: string; email: string }, input: CreateApiTokenDto): Promise<CreatedApiTokenView> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? DEFAULT_TOKEN_DAYS) * 86_400_000);
    return runInTransaction(this.dataSource, async (manager) => {
      const { token, row } = await issueToken(manager, { userId: user.id, now, expiresAt, name: input.name });
      await recordAudit(manager, { action: 'create', entityType: 'api-token', entityId: row.id, changes: changesBetween(null, row) });
      return { ...toApiTokenView(row, now), token };
    });
  }

  /** Revokes one of the user's own tokens (another user's is "not found"); revoking twice changes nothing. */
  async revoke(userId: string, id: string): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.findOneBy(AuthToken, { id, userId, name: Not(IsNull()) });
      if (!row) throw new NotFoundError('api-token', id);
      if (row.revokedAt) return;
      const revokedAt = this.clock.now();
      await manager.update(AuthToken, { id }, { revokedAt });
      await recordAudit(manager, { action: 'update', entityType: 'api-token', entityId: id, changes: changesBetween(row, { ...row, revokedAt }) });
    });
  }
}
