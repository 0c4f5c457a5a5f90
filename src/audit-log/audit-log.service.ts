import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { addDays, isCalendarDate, startOfDay } from '../rules/calendar';
import { AuditLogEntry } from './audit-log-entry.entity';
import { AuditLogQuery } from './dto/audit-log-query.dto';

/** Reads the audit trail. It has no write method: entries are appended by recordAudit() only. */
@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async list(query: AuditLogQuery): Promise<Page<AuditLogEntry>> {
    const builder = this.dataSource.getRepository(AuditLogEntry).createQueryBuilder('entry');
    if (query.entityType) builder.andWhere('entry.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('entry.entityId = :entityId', { entityId: query.entityId });
    if (query.actor) builder.andWhere('(entry.actorId = :actor OR entry.actorEmail = :actorEmail)', { actor: query.actor, actorEmail: query.actor.toLowerCase() });
    if (query.action) builder.andWhere('entry.action = :action', { action: query.action });
    const from = query.from ? this.instant(query.from, 'from', 'start') : null;
    const to = query.to ? this.instant(query.to, 'to', 'end') : null;
    if (from && to && from >= to) throw new ValidationError({ field: 'to', code: 'to-before-from' });
    if (from) builder.andWhere('entry.at >= :from', { from });
    if (to) builder.andWhere('entry.at < :to', { to });
    const [items, total] = await builder
      .orderBy('entry.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items, total, query);
  }

  /** A date means the whole day in ORG_TIMEZONE: `from` its first instant, `to` the next day's first (exclusive). */
  private instant(value: string, field: string, edge: 'start' | 'end'): Date {
    if (isCalendarDate(value)) return startOfDay(edge === 'start' ? value : addDays(value, 1), this.config.orgTimezone);
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime()) || !isCalendarDate(value.slice(0, 10))) throw new ValidationError({ field, code: 'not-date-or-instant', params: { value } });
    // An instant is inclusive at both ends.
    return edge === 'start' ? instant : new Date(instant.getTime() + 1);
  }
}
