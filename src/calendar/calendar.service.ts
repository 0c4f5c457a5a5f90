import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ical, { ICalCalendar } from 'ical-generator';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { auditDueDates } from '../compliance/supervision-facts';
import { AppConfig } from '../config/app-config';
import { Contract } from '../contracts/contract.entity';
import { recordAudit } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { noticeDeadline } from '../rules/contracts';
import { SettingsService } from '../settings/settings.service';
import { Audit, Certificate, Finding } from '../supervision/supervision.entities';
import { User } from '../users/user.entity';
import { Locale } from '../i18n/locale';
import { Vendor } from '../vendors/vendor.entity';
import { CalendarFeed } from './calendar-feed.entity';
import { sha256Hex } from '../common/objects';

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
    private readonly settings: SettingsService,
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

  private async events(locale: Locale): Promise<FeedEvent[]> {
    const settings = await this.settings.supervision();
    const [vendors, audits, contracts, findings, certificates, auditsDue] = await Promise.all([
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true, status: true } }),
      this.dataSource.getRepository(Audit).createQueryBuilder('audit').where("audit.status IN ('planned', 'in-progress')").getMany(),
      this.dataSource.getRepository(Contract).createQueryBuilder('contract').where("contract.status = 'signed' AND contract.expiresOn IS NOT NULL").getMany(),
      this.dataSource.getRepository(Finding).findBy({ status: 'open' }),
      this.dataSource.getRepository(Certificate).find(),
      auditDueDates(this.dataSource.manager, settings),
    ]);
    const names = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    const quiet = new Set(vendors.filter((vendor) => vendor.status === 'terminated').map((vendor) => vendor.id));
    const events: FeedEvent[] = [];
    const add = (uid: string, date: string, vendorId: string, key: MessageKey, params: Record<string, string> = {}) => {
      if (quiet.has(vendorId)) return;
      events.push({ uid: `${uid}@vendor-oversight`, date, vendorId, summary: this.text(locale, key, { vendor: names.get(vendorId) ?? '', ...params }) });
    };
    for (const audit of audits) add(`audit-${audit.id}`, audit.scheduledFor, audit.vendorId, 'calendar.plannedAudit');
    for (const { vendorId, dueDate } of auditsDue) add(`audit-due-${vendorId}`, dueDate, vendorId, 'calendar.auditDue');
    for (const contract of contracts) {
      add(`contract-end-${contract.id}`, contract.expiresOn!, contract.vendorId, 'calendar.contractExpires', { contract: contract.title });
      const deadline = noticeDeadline(contract);
      if (deadline !== null) add(`contract-notice-${contract.id}`, deadline, contract.vendorId, 'calendar.noticeDeadline', { contract: contract.title });
    }
    for (const finding of findings) add(`finding-${finding.id}`, finding.dueOn, finding.vendorId, 'calendar.findingDue', { finding: finding.title });
    for (const certificate of certificates) {
      add(`certificate-${certificate.id}`, certificate.validUntil, certificate.vendorId, 'calendar.certificateExpires', {
        kind: this.text(locale, `certificateKind.${certificate.kind}` as MessageKey),
      });
    }
    return events.sort((a, b) => a.date.localeCompare(b.date));
  }

  private text(locale: Locale, key: MessageKey, params: Record<string, string> = {}): string {
    return this.translator.t(locale, key, params);
  }
}
