import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Brackets, DataSource, In, IsNull, Not } from 'typeorm';
import { Vendor } from '../vendors/vendor.entity';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { AppConfig } from '../config/app-config';
import { insertRowsUnheard } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import { MailTemplates } from '../mail/mail-templates';
import { MailTransport } from '../mail/mail-transport';
import { CatalogueService } from '../catalogue/catalogue.service';
import { citationsOf, joinCitations, referenceIndex } from '../rules/citations';
import { DueReminder, ReminderRule, selectReminders } from '../rules/reminders';
import { SettingsService } from '../settings/settings.service';
import { INCIDENT_REMINDER_RULES } from '../rules/incident-reminders';
import { User } from '../users/user.entity';
import { wallClockText } from '../i18n/date-time';
import { Locale } from '../i18n/locale';
import { NotificationListQuery } from './dto/notification.dto';
import { MailMessage, Notification } from './notification.entity';
import { loadReminderFacts } from './reminder-facts';
import { QuestionnaireReminders } from '../questionnaires/questionnaire-reminders';

export interface RunResult {
  created: number;
  sent: number;
  failed: number;
}

/** Retry delays after the 1st, 2nd, 3rd… failed attempt. */
const BACKOFF_MS = [5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
const OVERDUE_RULES = new Set(['audit-overdue', 'finding-overdue', 'planned-audit-overdue', 'incident-report-overdue']);
/** Incident reminders (rules/incident-reminders.ts) link to the incident and name its obligation. */
const INCIDENT_RULES = new Set<string>(INCIDENT_REMINDER_RULES);
/** Ledger rows per transaction and multi-row INSERT (17 bound parameters each, inside SQLite's limit). */
const LEDGER_CHUNK = 1_000;
/** The catalogue requirement behind each reminder, cited in the e-mail (legal-model.md §9); certificates cite none. */
const REMINDER_REQUIREMENTS: Partial<Record<ReminderRule, string[]>> = {
  'audit-due': ['appi.periodic-audit'],
  'audit-overdue': ['appi.periodic-audit'],
  'planned-audit': ['appi.periodic-audit'],
  'planned-audit-overdue': ['appi.periodic-audit'],
  'contract-expiry': ['appi.contract'],
  'notice-deadline': ['appi.contract'],
  'finding-due': ['appi.periodic-audit'],
  'finding-overdue': ['appi.periodic-audit'],
  'objection-deadline': ['appi.reentrust-approval'],
  'missing-clause-digest': ['appi.security-measures'],
};
/** MySQL/MariaDB TEXT, the type of mail_messages' bodies, holds 65,535 bytes. */
const RECORD_BYTES = 65_535;

/**
 * The copy of an e-mail kept in mail_messages. One recipient's list can outgrow a TEXT column
 * (thousands of overdue audits); the e-mail is still sent whole and the ledger keeps every item,
 * while the copy keeps the start and says that it was shortened.
 */
export function forTheRecord(body: string): string {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes <= RECORD_BYTES) return body;
  const note = `\n… (shortened for the record: the e-mail had ${bytes.toLocaleString('en')} bytes)`;
  // Cut on a character boundary: a partial UTF-8 sequence decodes to U+FFFD.
  const kept = Buffer.from(body, 'utf8').subarray(0, RECORD_BYTES - Buffer.byteLength(note, 'utf8')).toString('utf8').replace(/\uFFFD+$/, '');
  return kept + note;
}

/**
 * The reminder job: selects the due reminders (pure rules), writes them to the ledger once (its
 * unique key), then delivers: one e-mail per recipient per run listing all of that person's items.
 * Rows are claimed with a conditional UPDATE before sending, so several runners (instances) never
 * send the same row twice; a run killed mid-delivery is overtaken after REMINDER_LEASE_SECONDS.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly transport: MailTransport,
    private readonly templates: MailTemplates,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly questionnaires: QuestionnaireReminders,
    private readonly catalogue: CatalogueService,
  ) {}

  async run(asOf?: string): Promise<RunResult> {
    const started = performance.now();
    const created = await this.createDue(asOf ?? this.clock.today());
    const selected = performance.now();
    const { sent, failed } = await this.deliver();
    this.logger.log({
      message: 'reminders run', created, sent, failed, transport: this.transport.kind,
      selectionMs: Math.round(selected - started), deliveryMs: Math.round(performance.now() - selected),
    });
    return { created, sent, failed };
  }

  /** Writes the due reminders to the ledger; a key already there is skipped (INSERT … IGNORE). */
  async createDue(asOf: string): Promise<number> {
    const facts = await loadReminderFacts(this.dataSource.manager, asOf, await this.settings.supervision());
    // The staff's reminders, and those to vendors' contacts about their questionnaires.
    return this.record([...selectReminders(facts, asOf, await this.settings.reminderDays()), ...(await this.questionnaires.due(asOf))]);
  }

  /**
   * Writes reminders to the ledger, each key once: a key already there is skipped (INSERT … IGNORE),
   * so however often and on however many instances a job records them, each is one row. Returns how
   * many rows this call added.
   */
  async record(due: ReadonlyArray<Pick<DueReminder, 'subjectId' | 'vendorId' | 'threshold' | 'dueDate' | 'recipient' | 'params'> & { rule: string }>): Promise<number> {
    const now = this.clock.now();
    const rows = due.map((reminder) =>
      Object.assign(new Notification(), {
        id: randomUUID(),
        ruleCode: reminder.rule,
        subjectId: reminder.subjectId,
        vendorId: reminder.vendorId,
        threshold: reminder.threshold,
        dueDate: reminder.dueDate,
        recipient: reminder.recipient,
        params: reminder.params,
        status: 'pending' as const,
        attempts: 0,
        lastError: null,
        nextAttemptAt: now,
        claimedBy: null,
        claimedAt: null,
        messageId: null,
        sentAt: null,
        createdAt: now,
      }),
    );
    let created = 0;
    // Thousands a day in a large register (an overdue audit of every vendor): multi-row INSERTs that
    // skip what the ledger already holds, a transaction per LEDGER_CHUNK rows.
    for (let start = 0; start < rows.length; start += LEDGER_CHUNK) {
      const chunk = rows.slice(start, start + LEDGER_CHUNK);
      created += await runInTransaction(this.dataSource, (manager) => insertRowsUnheard(manager, Notification, chunk, LEDGER_CHUNK, { skipDuplicates: true }));
    }
    return created;
  }

  /** Sends what is due: pending rows, failed rows whose retry time has come, rows of a dead run. */
  async deliver(): Promise<{ sent: number; failed: number }> {
    const runId = randomUUID();
    const now = this.clock.now();
    const recipients: Array<{ recipient: string }> = await this.due(now)
      .select('DISTINCT notification.recipient', 'recipient')
      .getRawMany();
    let sent = 0;
    let failed = 0;
    for (const { recipient } of recipients) {
      const claimed = await this.claim(runId, recipient, now);
      // A vendor's contact gets the questionnaire's own e-mail, apart from any staff reminder to the same address.
      const forContact = claimed.filter((row) => this.questionnaires.owns(row.ruleCode));
      for (const rows of [claimed.filter((row) => !this.questionnaires.owns(row.ruleCode)), forContact].filter((group) => group.length > 0)) {
        const ok = await this.send(runId, recipient, rows);
        if (ok) sent += rows.length;
        else failed += rows.length;
      }
    }
    return { sent, failed };
  }

  async list(query: NotificationListQuery): Promise<Page<Notification>> {
    const builder = this.dataSource.getRepository(Notification).createQueryBuilder('notification');
    if (query.status) builder.andWhere('notification.status = :status', { status: query.status });
    if (query.recipient) builder.andWhere('notification.recipient = :recipient', { recipient: query.recipient.toLowerCase() });
    const [items, total] = await builder
      .orderBy('notification.createdAt', 'DESC')
      .addOrderBy('notification.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items, total, query);
  }

  /** The e-mail that carried a reminder, as it was rendered (subject, text, HTML). */
  async message(notificationId: string): Promise<MailMessage> {
    const notification = await this.dataSource.getRepository(Notification).findOneBy({ id: notificationId });
    if (!notification) throw new NotFoundError('notification', notificationId);
    if (!notification.messageId) throw new NotFoundError('notification-message', notificationId);
    return this.dataSource.getRepository(MailMessage).findOneByOrFail({ id: notification.messageId });
  }

  private due(now: Date) {
    return this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('notification')
      .where(
        new Brackets((where) =>
          where
            .where("notification.status IN ('pending', 'failed') AND notification.nextAttemptAt <= :now", { now })
            .orWhere("notification.status = 'sending' AND notification.claimedAt < :stale", { stale: new Date(now.getTime() - this.config.reminderLeaseSeconds * 1000) }),
        ),
      );
  }

  /** One conditional UPDATE takes the recipient's due rows for this run; a row goes to one run only. */
  private async claim(runId: string, recipient: string, now: Date): Promise<Notification[]> {
    await runInTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Notification)
        .set({ status: 'sending', claimedBy: runId, claimedAt: now })
        .where('recipient = :recipient', { recipient })
        .andWhere(
          new Brackets((where) =>
            where
              .where("status IN ('pending', 'failed') AND nextAttemptAt <= :now", { now })
              .orWhere("status = 'sending' AND claimedAt < :stale", { stale: new Date(now.getTime() - this.config.reminderLeaseSeconds * 1000) }),
          ),
        )
        .execute(),
    );
    return this.dataSource.getRepository(Notification).find({ where: { claimedBy: runId, recipient, status: 'sending' }, order: { dueDate: 'ASC', subjectId: 'ASC', id: 'ASC' } });
  }

  private async send(runId: string, recipient: string, rows: Notification[]): Promise<boolean> {
    const composed = this.questionnaires.owns(rows[0].ruleCode) ? await this.questionnaires.compose(recipient, rows) : await this.composeForStaff(recipient, rows);
    if (!composed) {
      // Nothing left to remind of (the questionnaire was answered or revoked since): done, without an e-mail.
      await runInTransaction(this.dataSource, (manager) =>
        manager.createQueryBuilder().update(Notification).set({ status: 'sent', sentAt: this.clock.now(), lastError: null }).where({ id: In(rows.map((row) => row.id)), claimedBy: runId }).execute(),
      );
      return true;
    }
    const { locale, mail: rendered, record } = composed;
    const messageId = randomUUID();
    const now = this.clock.now();
    const message = Object.assign(new MailMessage(), {
      id: messageId, recipient, locale, subject: rendered.subject, textBody: forTheRecord(record.text), htmlBody: forTheRecord(record.html),
      outcome: 'sending', error: null, transportId: null, createdAt: now,
    });
    await runInTransaction(this.dataSource, (manager) => manager.insert(MailMessage, message));
    try {
      const transportId = await this.transport.send({ to: recipient, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: `<${messageId}@vendor-oversight>` });
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.update(MailMessage, { id: messageId }, { outcome: 'sent', transportId: transportId.slice(0, 300) });
        await composed.sent?.(manager);
        await manager
          .createQueryBuilder()
          .update(Notification)
          .set({ status: 'sent', sentAt: this.clock.now(), messageId, attempts: () => 'attempts + 1', lastError: null })
          .where({ id: In(rows.map((row) => row.id)), claimedBy: runId })
          .execute();
      });
      return true;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      this.logger.warn({ message: 'reminder delivery failed', rows: rows.length, error: reason });
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.update(MailMessage, { id: messageId }, { outcome: 'failed', error: reason });
        for (const row of rows) {
          const attempts = row.attempts + 1;
          await manager.update(Notification, { id: row.id, claimedBy: runId }, {
            status: 'failed', attempts, lastError: reason, claimedBy: null, claimedAt: null,
            nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1]),
          });
        }
      });
      return false;
    }
  }

  /**
   * The staff's e-mail: one list of a person's reminders, in their language (Japanese for people who
   * are no users), greeting them by name: a user's, else the name a vendor records for its owner at
   * this address, else the address. Never the department.
   */
  private async composeForStaff(recipient: string, rows: Notification[]) {
    const user = await this.dataSource.getRepository(User).findOneBy({ email: recipient });
    const locale: Locale = user?.locale ?? 'ja';
    const owner = user ? null : await this.dataSource.getRepository(Vendor).findOne({ where: { ownerEmail: recipient, ownerName: Not(IsNull()) }, select: { id: true, ownerEmail: true, ownerName: true }, order: { updatedAt: 'DESC', id: 'ASC' } });
    const name = user?.name ?? (owner?.ownerEmail === recipient ? owner.ownerName : null) ?? recipient;
    const mail = this.render(locale, name, rows);
    return { locale, mail, record: mail, sent: undefined };
  }

  private references() {
    return referenceIndex(this.catalogue.rules().requirements);
  }

  private render(locale: Locale, name: string, rows: Notification[]): { subject: string; text: string; html: string } {
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(locale, key as MessageKey, params);
    const item = (row: Notification) => {
      const params = { ...row.params };
      if (row.ruleCode === 'certificate-expiry') params.kind = t(`certificateKind.${params.kind}`);
      if (row.ruleCode.startsWith('planned-audit')) params.kind = t(`ui.enum.auditKind.${params.kind}` as never);
      if (INCIDENT_RULES.has(row.ruleCode)) {
        params.obligation = t(`incident.obligation.${params.obligation}`);
        params.dueAt = wallClockText(String(params.dueAt), locale);
        return { text: t(`reminder.${row.ruleCode}`, params), url: `${this.config.appUrl}/incidents/${params.incidentId}` };
      }
      const text = t(`reminder.${row.ruleCode}`, params);
      const references = joinCitations(citationsOf(REMINDER_REQUIREMENTS[row.ruleCode as ReminderRule] ?? [], this.references(), locale), locale);
      return {
        text: references ? t('reminder.cited', { text, references }) : text,
        url: row.vendorId ? `${this.config.appUrl}/vendors/${row.vendorId}` : `${this.config.appUrl}/flags?code=missing-clause`,
      };
    };
    const overdue = rows.filter((row) => OVERDUE_RULES.has(row.ruleCode));
    const digest = rows.filter((row) => row.ruleCode === 'missing-clause-digest');
    const upcoming = rows.filter((row) => !OVERDUE_RULES.has(row.ruleCode) && row.ruleCode !== 'missing-clause-digest');
    const groups = [
      { title: t('reminder.groupOverdue'), items: overdue.map(item) },
      { title: t('reminder.groupUpcoming'), items: upcoming.map(item) },
      { title: t('reminder.groupDigest'), items: digest.map(item) },
    ].filter((group) => group.items.length > 0);
    const subject = overdue.length > 0 ? t('reminder.subjectOverdue', { overdue: overdue.length, count: rows.length }) : t('reminder.subject', { count: rows.length });
    const body = this.templates.render(locale, 'reminders', {
      subject,
      greeting: t('reminder.greeting', { name }),
      intro: t('reminder.intro'),
      groups,
      openApp: t('reminder.openApp'),
      appUrl: this.config.appUrl,
      footer: t('reminder.footer'),
    });
    return { subject, ...body };
  }
}
