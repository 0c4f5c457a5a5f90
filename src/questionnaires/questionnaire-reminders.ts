import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { runAs } from '../common/request-context';
import { Locale } from '../i18n/locale';
import { selectQuestionnaireReminders } from '../rules/questionnaire-supervision';
import { DueReminder } from '../rules/reminders';
import { Vendor } from '../vendors/vendor.entity';
import { QuestionnaireLinks, MintedLink } from './questionnaire-links.service';
import { QuestionnaireMail, RenderedMail } from './questionnaire-mail';
import { Questionnaire, VendorContact } from './questionnaire.entities';
import { AWAITING_VENDOR } from './questionnaires.service';

/** The ledger rules of questionnaire reminders (rules/reminders.ts lists them with the others). */
export const QUESTIONNAIRE_REMINDER_RULES: readonly string[] = ['questionnaire-due', 'questionnaire-overdue'];

/** An e-mail to a vendor's contact composed for the reminder ledger: sent as it is, kept without its links. */
export interface ComposedReminder {
  locale: Locale;
  mail: RenderedMail;
  /** The copy kept in the ledger's mail_messages: the links left out (a link is a credential). */
  record: { text: string; html: string };
  /** Runs in the transaction that marks the reminders sent: the new links' hashes are stored. */
  sent(manager: EntityManager): Promise<void>;
}

/** A row of the reminder ledger (reminders/notification.entity.ts), as far as its e-mail needs it. */
export interface LedgerRow {
  subjectId: string;
  ruleCode: string;
  dueDate: string | Date;
  params: Record<string, string | number>;
}

/**
 * Reminders to a vendor's contact (before the due date and weekly when overdue, rules in
 * rules/questionnaire-supervision.ts) through the reminder ledger: the ledger makes each one exactly
 * once; this selects them and writes their e-mail. Each reminder carries a further link to its
 * questionnaire (only hashes are stored, so an earlier link cannot be sent again); the earlier links
 * keep working until they expire, so a vendor answering is not cut off by a reminder.
 */
@Injectable()
export class QuestionnaireReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: QuestionnaireLinks,
    private readonly mail: QuestionnaireMail,
  ) {}

  owns(ruleCode: string): boolean {
    return QUESTIONNAIRE_REMINDER_RULES.includes(ruleCode);
  }

  /** The reminders due on `asOf` for every questionnaire waiting for its vendor. */
  async due(asOf: string): Promise<DueReminder[]> {
    const rows = await this.dataSource.getRepository(Questionnaire).createQueryBuilder('q')
      .innerJoin(VendorContact, 'contact', 'contact.id = q.contactId')
      .innerJoin(Vendor, 'vendor', 'vendor.id = q.vendorId')
      .select('q.id', 'id').addSelect('q.vendorId', 'vendorId').addSelect('q.dueOn', 'dueOn')
      .addSelect('contact.email', 'contactEmail').addSelect('vendor.status', 'vendorStatus')
      .where('q.status IN (:...waiting)', { waiting: AWAITING_VENDOR })
      .getRawMany<{ id: string; vendorId: string; dueOn: string | Date; contactEmail: string; vendorStatus: Vendor['status'] }>();
    return selectQuestionnaireReminders(rows.map((row) => ({ ...row, dueOn: dateOf(row.dueOn) })), asOf);
  }

  /**
   * The e-mail for a contact's due reminders, as the ledger's rows say (before the due date, or overdue
   * by so many days, as of the run): one link per questionnaire still waiting for the vendor by the
   * same due date; null when none is (answered, revoked or given a new due date since).
   */
  async compose(recipient: string, reminders: ReadonlyArray<LedgerRow>): Promise<ComposedReminder | null> {
    const found = await this.dataSource.getRepository(Questionnaire).findBy({ id: In([...new Set(reminders.map((row) => row.subjectId))]), status: In([...AWAITING_VENDOR]) });
    const questionnaires = found.filter((questionnaire) => reminders.some((row) => row.subjectId === questionnaire.id && dateOf(row.dueDate) === questionnaire.dueOn));
    if (questionnaires.length === 0) return null;
    const [contacts, vendors] = await Promise.all([
      this.dataSource.getRepository(VendorContact).findBy({ id: In([...new Set(questionnaires.map((row) => row.contactId))]) }),
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true }, where: { id: In([...new Set(questionnaires.map((row) => row.vendorId))]) } }),
    ]);
    const contact = contacts.find((candidate) => candidate.email === recipient) ?? contacts[0];
    const locale = contact.locale;
    const minted = questionnaires.map((questionnaire) => ({ questionnaire, link: this.links.mint() }));
    const items = (url: (id: string, link: MintedLink) => string) => minted.map(({ questionnaire, link }) => {
      const rows = reminders.filter((row) => row.subjectId === questionnaire.id && dateOf(row.dueDate) === questionnaire.dueOn);
      const row = rows.find((candidate) => candidate.ruleCode === 'questionnaire-overdue') ?? rows[0];
      return {
        title: locale === 'en' ? questionnaire.titleEn : questionnaire.titleJa,
        vendorName: vendors.find((vendor) => vendor.id === questionnaire.vendorId)?.name ?? '',
        dueOn: questionnaire.dueOn,
        overdue: row.ruleCode === 'questionnaire-overdue',
        days: Math.abs(Number(row.params.days ?? 0)),
        url: url(questionnaire.id, link),
      };
    });
    const mail = this.mail.reminder(locale, contact.name, items((id, link) => this.links.url(id, link.token)));
    const record = this.mail.reminder(locale, contact.name, items((id) => this.links.redactedUrl(id)));
    return {
      locale,
      mail,
      record: { text: record.text, html: record.html },
      sent: async (manager) => {
        // The links go out as the system's reminders: no user acts.
        await runAs(null, async () => {
          for (const { questionnaire, link } of minted) await this.links.store(manager, questionnaire, link, 'reminder');
        });
      },
    };
  }
}

function dateOf(value: string | Date): string {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value.slice(0, 10);
}
