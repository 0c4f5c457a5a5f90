import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalCalendar } from 'ical-generator';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { AppConfig } from '../config/app-config';
import { Contract } from '../contracts/contract.entity';
import { recordAudit } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { noticeDeadline } from '../rules/contracts';
import { addDays, addMonths } from '../rules/calendar';
import { Audit, Certificate, Finding } from '../supervision/supervision.entities';
import { User } from '../users/user.entity';
import { Locale } from '../i18n/locale';
import { Vendor } from '../vendors/vendor.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { sha256Hex } from '../common/objects';

/** How far back a feed reaches: what was due last month stays in view. */
const FEED_DAYS_BEHIND = 30;
/** How far ahead: two years, beyond the longest audit interval but one (rules/supervision.ts). */
const FEED_MONTHS_AHEAD = 24;
/** Events of each kind at most, the earliest first: a subscribed calendar holds a few thousand, not a register's worth. */
const FEED_EVENTS_PER_KIND = 1_000;

interface FeedEvent {
  uid: string;
  date: string;
  summary: string;
  vendorId: string;
}

/**
 * A per-user iCalendar feed (secret-token URL, revocable) of the dates people act on: planned
 * audits, audit due dates, contract ends and notice deadlines, finding due dates, certificate ends.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** A new secret URL; any earlier one of the user stops working. The token is shown only now. */
  async issue(userId: string): Promise<{ url: string; createdAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.clock.now();
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.delete(CalendarFeed, { userId });
      await manager.insert(CalendarFeed, { userId, tokenHash: sha256Hex(token), createdAt });
      await recordAudit(manager, { action: 'create', entityType: 'calendar-feed', entityId: userId, summary: { replacedEarlierFeed: true } });
    });
    return { url: `${this.config.appUrl}/calendar/${token}.ics`, createdAt: createdAt.toISOString() };
  }

  async revoke(userId: string): Promise<void> {
    await runInTransaction(this.dataSource, async (manager) => {
      const { affected } = await manager.delete(CalendarFeed, { userId });
      if (affected) await recordAudit(manager, { action: 'delete', entityType: 'calendar-feed', entityId: userId });
    });
  }

  /** The feed behind a token; an unknown or revoked token, or a disabled user, is a 404. */
  async render(token: string): Promise<string> {
    const feed = await this.dataSource.getRepository(CalendarFeed).findOne({ where: { tokenHash: sha256Hex(token) }, relations: { user: true } });
    if (!feed?.user?.active) throw new NotFoundError('calendar', 'feed');
    return (await this.calendar(feed.user)).toString();
  }

  private async calendar(user: User): Promise<ICalCalendar> {
    const locale = user.locale;
    const calendar = ical({ name: this.text(locale, 'calendar.name'), prodId: { company: 'vendor-oversight', product: 'calendar', language: locale.toUpperCase() } });
    const stamp = this.clock.now();
    for (const event of await this.events(locale)) {
      const [year, month, day] = event.date.split('-').map(Number);
      calendar.createEvent({
        id: event.uid,
        start: new Date(Date.UTC(year, month - 1, day)),
        allDay: true,
        summary: event.summary,
        url: `${this.config.appUrl}/vendors/${event.vendorId}`,
        stamp,
      });
    }
    return calendar;
  }

  /**
   * The feed's events: of each kind, the first FEED_EVENTS_PER_KIND in date order between
   * FEED_DAYS_BEHIND days ago and FEED_MONTHS_AHEAD months ahead, each read through an index in that
   * order (so a feed costs the same at any register size), of vendors not terminated.
   */
  private async events(locale: Locale): Promise<FeedEvent[]> {
    const today = this.clock.today();
    const window = { from: addDays(today, -FEED_DAYS_BEHIND), to: addMonths(today, FEED_MONTHS_AHEAD), limit: FEED_EVENTS_PER_KIND };
    const live = "vendor.status <> 'terminated'";
    const [audits, auditsDue, contracts, notices, findings, certificates] = await Promise.all([
      this.dataSource.getRepository(Audit).createQueryBuilder('audit').innerJoin('audit.vendor', 'vendor').select(['audit.id', 'audit.vendorId', 'audit.scheduledFor', 'vendor.id', 'vendor.name'])
        .where("+audit.status IN ('planned', 'in-progress') AND audit.scheduledFor BETWEEN :from AND :to", window).andWhere(live)
        .orderBy('audit.scheduledFor').addOrderBy('audit.id').limit(window.limit).getMany(),
      // The next audit date the compliance engine stores (an incident's earlier audit included).
      this.dataSource.getRepository(Vendor).createQueryBuilder('vendor').select(['vendor.id', 'vendor.name', 'vendor.nextAuditDue'])
        .where("+vendor.status IN ('active', 'offboarding') AND vendor.nextAuditDue BETWEEN :from AND :to", window)
        .orderBy('vendor.nextAuditDue').addOrderBy('vendor.name').addOrderBy('vendor.id').limit(window.limit).getMany(),
      this.signedContracts(window, 'ends'),
      this.signedContracts(window, 'notice'),
      this.dataSource.getRepository(Finding).createQueryBuilder('finding').innerJoin('finding.vendor', 'vendor').select(['finding.id', 'finding.vendorId', 'finding.title', 'finding.dueOn', 'vendor.id', 'vendor.name'])
        .where("finding.status = 'open' AND finding.dueOn BETWEEN :from AND :to", window).andWhere(live)
        .orderBy('finding.dueOn').addOrderBy('finding.id').limit(window.limit).getMany(),
      this.dataSource.getRepository(Certificate).createQueryBuilder('certificate').innerJoin('certificate.vendor', 'vendor').select(['certificate.id', 'certificate.vendorId', 'certificate.kind', 'certificate.validUntil', 'vendor.id', 'vendor.name'])
        .where('certificate.validUntil BETWEEN :from AND :to', window).andWhere(live)
        .orderBy('certificate.validUntil').addOrderBy('certificate.id').limit(window.limit).getMany(),
    ]);
    const events: FeedEvent[] = [];
    const add = (uid: string, date: string, vendor: { id: string; name: string }, key: MessageKey, params: Record<string, string> = {}) => {
      events.push({ uid: `${uid}@vendor-oversight`, date, vendorId: vendor.id, summary: this.text(locale, key, { vendor: vendor.name, ...params }) });
    };
    const vendorOf = (record: { vendorId: string; vendor?: { name: string } }) => ({ id: record.vendorId, name: record.vendor?.name ?? '' });
    for (const audit of audits) add(`audit-${audit.id}`, audit.scheduledFor, vendorOf(audit), 'calendar.plannedAudit');
    for (const vendor of auditsDue) add(`audit-due-${vendor.id}`, vendor.nextAuditDue!, vendor, 'calendar.auditDue');
    for (const contract of contracts) add(`contract-end-${contract.id}`, contract.expiresOn!, vendorOf(contract), 'calendar.contractExpires', { contract: contract.title });
    for (const contract of notices) add(`contract-notice-${contract.id}`, noticeDeadline(contract)!, vendorOf(contract), 'calendar.noticeDeadline', { contract: contract.title });
    for (const finding of findings) add(`finding-${finding.id}`, finding.dueOn, vendorOf(finding), 'calendar.findingDue', { finding: finding.title });
    for (const certificate of certificates) {
      add(`certificate-${certificate.id}`, certificate.validUntil, vendorOf(certificate), 'calendar.certificateExpires', { kind: this.text(locale, `certificateKind.${certificate.kind}` as MessageKey) });
    }
    return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
  }

  /**
   * Signed contracts of vendors not terminated whose end, or notice deadline, falls in the window, by
   * that date. The notice deadline is the renewal decision date legal's queue stores
   * (contract_queue_entries, rules/work-queues.ts) of a contract with a notice period; without one the
   * decision date is the end, and there is no notice deadline.
   */
  private async signedContracts(window: { from: string; to: string; limit: number }, date: 'ends' | 'notice'): Promise<Contract[]> {
    const builder = this.dataSource.getRepository(Contract).createQueryBuilder('contract').innerJoin('contract.vendor', 'vendor')
      .select(['contract.id', 'contract.vendorId', 'contract.title', 'contract.expiresOn', 'contract.noticeDays', 'vendor.id', 'vendor.name'])
      .where("contract.status = 'signed'").andWhere("vendor.status <> 'terminated'");
    if (date === 'ends') return builder.andWhere('contract.expiresOn BETWEEN :from AND :to', window).orderBy('contract.expiresOn').addOrderBy('contract.id').limit(window.limit).getMany();
    // Walked in the queue's decision-date order (its index); a contract without a notice period is passed over.
    const ids: Array<{ contractId: string }> = await this.dataSource.query(
      `SELECT queued.contractId FROM contract_queue_entries queued WHERE queued.renewalDecisionOn BETWEEN ? AND ?
         AND (SELECT 1 FROM contracts notice WHERE notice.id = queued.contractId AND notice.status = 'signed' AND notice.noticeDays IS NOT NULL) IS NOT NULL
       ORDER BY queued.renewalDecisionOn, queued.vendorName, queued.title, queued.contractId LIMIT ${Number(window.limit)}`,
      [window.from, window.to],
    );
    return ids.length === 0 ? [] : builder.andWhere('contract.id IN (:...ids)', { ids: ids.map((row) => row.contractId) }).getMany();
  }

  private text(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
    return this.translator.t(locale, key, params);
  }
}
