import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionsService } from '../actions/actions.service';
import { Clock } from '../common/clock';
import { indexHint } from '../database/index-hint';
import { NotFoundError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { countStored } from '../compliance/stored-flags';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { Locale } from '../i18n/locale';
import { ContractStatus } from '../rules/contracts';
import { statusesWhere } from '../rules/lifecycles';
import { VendorStatus } from '../rules/vendor-facts';
import {
  awaitingReview,
  awaitingSelection,
  ContractQueueId,
  ContractReview,
  FLAG_QUEUES,
  inContractQueue,
  incidentOpen,
  queueHorizon,
  unplannedAuditDue,
  WORK_QUEUES,
  WorkQueueId,
  WorkQueueRole,
} from '../rules/work-queues';

/** One queue on the dashboard: how many, of what, and the page that lists them (each line links to its fix). */
export interface WorkQueueSummary {
  id: WorkQueueId;
  role: WorkQueueRole;
  unit: 'items' | 'vendors';
  count: number;
  href: string;
}

/** One line of a queue: the record, its vendor, the date it keeps to, and the page that fixes it. */
export interface WorkItem {
  vendorId: string;
  vendorName: string;
  /** The record's title or name (a contract, a finding, an incident, a questionnaire), or null when the vendor is the item. */
  subject: string | null;
  /** The date it keeps to (a renewal decision, an audit due, a finding or objection deadline, a questionnaire's due date), or null. */
  dueDate: string | null;
  href: string;
}

/** unplannedAuditDue in SQL: due by the horizon (the parameter), supervised, no audit planned or under way. */
const UNPLANNED_AUDIT =
  "v.nextAuditDue <= ? AND v.status IN ('active', 'offboarding') AND NOT EXISTS (SELECT 1 FROM audits o WHERE o.vendorId = v.id AND o.status IN ('planned', 'in-progress'))";

/** Still reviewable on the day (stillReviewable) in SQL, over a contract's queue entry. */
const REVIEWABLE = "(q.status <> 'signed' OR q.autoRenew = 1 OR q.expiresOn IS NULL OR q.expiresOn >= ?)";

/**
 * inContractQueue in SQL: each of legal's queues a range of one index of contract_queue_entries, in
 * the order it is listed (the date it keeps to, then vendor name, title and contract).
 */
const CONTRACT_QUEUES: Readonly<Record<ContractQueueId, { index: string; where: string; order: string; parameters: (asOf: string) => unknown[] }>> = {
  'contracts-never-reviewed': { index: 'IDX_contract_queue_entries_review', where: `q.review = 'never-reviewed' AND ${REVIEWABLE}`, order: 'q.vendorName, q.title, q.contractId', parameters: (asOf) => [asOf] },
  'contracts-re-review': { index: 'IDX_contract_queue_entries_review', where: `q.review = 're-review' AND ${REVIEWABLE}`, order: 'q.vendorName, q.title, q.contractId', parameters: (asOf) => [asOf] },
  // The decision due by the horizon, the contract started and not yet ended.
  'contracts-renewal': {
    index: 'IDX_contract_queue_entries_renewal',
    where: 'q.renewalDecisionOn <= ? AND q.expiresOn >= ? AND q.effectiveFrom <= ?',
    order: 'q.renewalDecisionOn, q.vendorName, q.title, q.contractId',
    parameters: (asOf) => [queueHorizon(asOf), asOf, asOf],
  },
};

type RecordQueueId = 'candidates-awaiting-selection' | 'incidents-open' | 'questionnaires-awaiting-review';

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * The queues whose members are records in some statuses: the candidates without a selection
 * assessment (awaitingSelection), the incidents not yet closed (incidentOpen), the questionnaires
 * handed back for review (awaitingReview). `r` is the record, `v` its vendor.
 */
const RECORD_QUEUES: Readonly<Record<RecordQueueId, { id: string; from: string; where: (statuses: number) => string; order: string; subject: string; statuses: () => string[]; href: (id: string) => string }>> = {
  'candidates-awaiting-selection': {
    id: 'v.id',
    from: 'vendors v',
    // awaitingSelection holds with no selection on record: the statuses it allows, and none on record.
    where: (statuses) => `v.status IN (${placeholders(statuses)}) AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.vendorId = v.id AND a.kind = 'selection')`,
    order: 'v.name, v.id',
    subject: 'NULL',
    statuses: () => statusesWhere('vendor', (status) => awaitingSelection({ status, selections: 0 })),
    href: (id) => `/vendors/${id}/assessments/new`,
  },
  'incidents-open': {
    id: 'r.id',
    from: 'incidents r JOIN vendors v ON v.id = r.vendorId',
    where: (statuses) => `r.status IN (${placeholders(statuses)})`,
    order: 'v.name, r.title, r.id',
    subject: 'r.title',
    statuses: () => statusesWhere('incident', (status) => incidentOpen({ status })),
    href: (id) => `/incidents/${id}`,
  },
  'questionnaires-awaiting-review': {
    id: 'r.id',
    from: 'questionnaires r JOIN vendors v ON v.id = r.vendorId',
    where: (statuses) => `r.status IN (${placeholders(statuses)})`,
    order: 'v.name, r.titleJa, r.id',
    subject: 'r.titleJa',
    statuses: () => statusesWhere('questionnaire', (status) => awaitingReview({ status })),
    href: (id) => `/questionnaires/${id}`,
  },
};

function recordQueueOf(queue: WorkQueueId): (typeof RECORD_QUEUES)[RecordQueueId] {
  if (!(queue in RECORD_QUEUES)) throw new NotFoundError('work-queue', queue);
  return RECORD_QUEUES[queue as RecordQueueId];
}

function recordQueueStatuses(queue: WorkQueueId): string[] {
  return recordQueueOf(queue).statuses();
}

/**
 * renewalCounted (rules/work-queues.ts) in SQL, over renewal_due_counts: the renewal queue counted from
 * a row per decision date, end date and day counted as started (kept with the queue entries), not a
 * row per contract. The table tests hold it equal to inContractQueue on every day.
 */
const RENEWALS_COUNTED = 'SELECT COALESCE(SUM(r.contracts), 0) AS total FROM renewal_due_counts r WHERE r.renewalDecisionOn <= ? AND r.expiresOn >= ? AND r.countedFrom <= ?';
/** The unplanned audits counted from a row per due date (audit_due_counts, kept by the compliance engine: rules/work-queues.ts auditQueueDue). */
const AUDITS_COUNTED = 'SELECT COALESCE(SUM(d.vendors), 0) AS total FROM audit_due_counts d WHERE d.dueOn <= ?';

/**
 * The work queues by role (rules/work-queues.ts decides who is in which queue): the candidates are
 * read with a fixed number of queries narrowed on indexed columns, the rule keeps its members; the
 * queues that are one stored flag code are paged from vendor_flags and counted from flag_counts, the
 * unplanned audits are paged through the next-audit-due index and counted per due date (audit_due_counts), the
 * renewals counted per decision date (renewal_due_counts), and an owner's open items
 * are the action list's (mine). Each count is the total of the list it links to.
 */
@Injectable()
export class WorkQueuesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: ActionsService,
    private readonly clock: Clock,
  ) {}

  async summary(owner: { email: string }): Promise<WorkQueueSummary[]> {
    const counts = await Promise.all(WORK_QUEUES.map((queue) => this.count(queue.id, owner)));
    return WORK_QUEUES.map((queue, index) => ({ id: queue.id, role: queue.role, unit: queue.unit, count: counts[index], href: hrefOf(queue.id) }));
  }

  async list(id: string, owner: { email: string }, query: { page: number; pageSize: number }, locale: Locale): Promise<Page<WorkItem>> {
    const queue = queueOf(id);
    const start = (query.page - 1) * query.pageSize;
    const code = FLAG_QUEUES[queue];
    if (code) {
      const [rows, total] = await Promise.all([
        this.dataSource.getRepository(VendorFlag).find({ where: { code }, order: { dueDate: 'ASC', vendorId: 'ASC', position: 'ASC' }, skip: start, take: query.pageSize }),
        countStored(this.dataSource.manager, 'flags', { code }),
      ]);
      return pageOf(rows.map((row) => flagItem(row)), total, query);
    }
    if (queue === 'my-open-items') {
      const page = await this.actions.list({ ownerEmail: owner.email, page: query.page, pageSize: query.pageSize }, locale);
      return { ...page, items: page.items.map((action) => ({ vendorId: action.vendorId, vendorName: action.vendorName, subject: action.message, dueDate: action.dueDate, href: action.href })) };
    }
    if (queue === 'audits-due-unplanned') {
      const asOf = this.clock.today();
      const [items, total] = await Promise.all([this.unplannedAudits(asOf, { offset: start, limit: query.pageSize }), this.countUnplannedAudits(asOf)]);
      return pageOf(items, total, query);
    }
    if (isContractQueue(queue)) {
      const asOf = this.clock.today();
      const [items, total] = await Promise.all([this.contractQueue(queue, asOf, { offset: start, limit: query.pageSize }), this.countContractQueue(queue, asOf)]);
      return pageOf(items, total, query);
    }
    const [items, total] = await Promise.all([this.recordQueue(queue, { offset: start, limit: query.pageSize }), this.countRecordQueue(queue)]);
    return pageOf(items, total, query);
  }

  private async count(queue: WorkQueueId, owner: { email: string }): Promise<number> {
    const code = FLAG_QUEUES[queue];
    if (code) return countStored(this.dataSource.manager, 'flags', { code });
    if (queue === 'my-open-items') return this.actions.countToday({ ownerEmail: owner.email.toLowerCase() });
    if (queue === 'audits-due-unplanned') return this.countUnplannedAudits(this.clock.today());
    if (isContractQueue(queue)) return this.countContractQueue(queue, this.clock.today());
    return this.countRecordQueue(queue);
  }

  /**
   * A page of a queue of records in some statuses (the rule decides which: statusesWhere), read in
   * the order it is worked (vendor name, then the record's title and id) with a LIMIT: only the
   * queue's members are read, never the closed incidents or the other vendors.
   */
  private async recordQueue(queue: WorkQueueId, page: { offset: number; limit: number }): Promise<WorkItem[]> {
    const { id, from, where, order, subject, href } = recordQueueOf(queue);
    const statuses = recordQueueStatuses(queue);
    const rows: Array<{ id: string; vendorId: string; vendorName: string; subject: string | null }> = await this.dataSource.query(
      `SELECT ${id} AS id, v.id AS vendorId, v.name AS vendorName, ${subject} AS subject FROM ${from} WHERE ${where(statuses.length)} ORDER BY ${order} LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
      statuses,
    );
    return rows.map((row) => ({ vendorId: row.vendorId, vendorName: row.vendorName, subject: row.subject, dueDate: null, href: href(row.id) }));
  }

  private async countRecordQueue(queue: WorkQueueId): Promise<number> {
    const { from, where } = recordQueueOf(queue);
    const statuses = recordQueueStatuses(queue);
    const [row] = (await this.dataSource.query(`SELECT COUNT(*) AS total FROM ${from} WHERE ${where(statuses.length)}`, statuses)) as Array<{ total: string | number }>;
    return Number(row.total);
  }

  /**
   * The vendors whose stored next audit due date (with an incident's earlier audit) is up to the
   * horizon and that have no audit planned or under way, as the rule (unplannedAuditDue) decides them:
   * narrowed in SQL to exactly those, read in the queue's order through the (nextAuditDue, name, id)
   * index, a page at a time; the rule still decides each line.
   */
  private async unplannedAudits(asOf: string, page: { offset: number; limit: number }): Promise<WorkItem[]> {
    const bounds = ` LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`;
    const rows: Array<{ id: string; name: string; status: VendorStatus; nextAuditDue: string | Date | null }> = await this.dataSource.query(
      `SELECT v.id, v.name, v.status, v.nextAuditDue FROM vendors v ${indexHint(this.dataSource, 'IDX_vendors_next_audit_due')} WHERE ${UNPLANNED_AUDIT} ORDER BY v.nextAuditDue, v.name, v.id${bounds}`,
      [queueHorizon(asOf)],
    );
    return rows.flatMap((row) => {
      const due = unplannedAuditDue({ status: row.status, nextAuditDue: dateOf(row.nextAuditDue), openAudit: false }, asOf);
      return due === null ? [] : [{ vendorId: row.id, vendorName: row.name, subject: null, dueDate: due, href: `/vendors/${row.id}/audits/new` }];
    });
  }

  /**
   * UNPLANNED_AUDIT counted: the vendors counted under each next audit due date up to the horizon
   * (audit_due_counts: supervised, no audit planned or in progress), a row per day, not per vendor.
   */
  private async countUnplannedAudits(asOf: string): Promise<number> {
    return this.total(AUDITS_COUNTED, [queueHorizon(asOf)]);
  }

  /**
   * A page of one of legal's queues, read in its order through its index of contract_queue_entries
   * (kept with each contract, its checklist and its vendor's name: contracts/contract-queues.ts); the
   * rule (inContractQueue) still decides each line.
   */
  private async contractQueue(queue: ContractQueueId, asOf: string, page: { offset: number; limit: number }): Promise<WorkItem[]> {
    const { index, where, order, parameters } = CONTRACT_QUEUES[queue];
    const rows: Array<{
      contractId: string; title: string; vendorId: string; vendorName: string; status: ContractStatus; effectiveFrom: string | Date; expiresOn: string | Date | null;
      autoRenew: boolean | number; review: ContractReview; renewalDecisionOn: string | Date | null;
    }> = await this.dataSource.query(
      `SELECT q.contractId, q.title, q.vendorId, q.vendorName, q.status, q.effectiveFrom, q.expiresOn, q.autoRenew, q.review, q.renewalDecisionOn
      FROM contract_queue_entries q ${indexHint(this.dataSource, index)} WHERE ${where} ORDER BY ${order} LIMIT ${Number(page.limit)} OFFSET ${Number(page.offset)}`,
      parameters(asOf),
    );
    return rows.flatMap((row) => {
      const entry = {
        id: row.contractId, title: row.title, status: row.status, effectiveFrom: dateOf(row.effectiveFrom)!, expiresOn: dateOf(row.expiresOn), autoRenew: Boolean(Number(row.autoRenew)),
        review: row.review, renewalDecisionOn: dateOf(row.renewalDecisionOn),
      };
      if (!inContractQueue(queue, entry, asOf)) return [];
      return [{ vendorId: row.vendorId, vendorName: row.vendorName, subject: row.title, dueDate: queue === 'contracts-renewal' ? entry.renewalDecisionOn : null, href: `/contracts/${row.contractId}` }];
    });
  }

  /** A review queue counted over its index range (its members: contracts waiting for legal), the renewals from renewal_due_counts. */
  private async countContractQueue(queue: ContractQueueId, asOf: string): Promise<number> {
    if (queue === 'contracts-renewal') return this.total(RENEWALS_COUNTED, [queueHorizon(asOf), asOf, asOf]);
    const { index, where, parameters } = CONTRACT_QUEUES[queue];
    return this.total(`SELECT COUNT(*) AS total FROM contract_queue_entries q ${indexHint(this.dataSource, index)} WHERE ${where}`, parameters(asOf));
  }

  private async total(sql: string, parameters: unknown[]): Promise<number> {
    const [row] = (await this.dataSource.query(sql, parameters)) as Array<{ total: string | number | null }>;
    return Number(row.total ?? 0);
  }
}

function isContractQueue(queue: WorkQueueId): queue is ContractQueueId {
  return queue in CONTRACT_QUEUES;
}

export function queueOf(id: string): WorkQueueId {
  const queue = WORK_QUEUES.find((entry) => entry.id === id);
  if (!queue) throw new NotFoundError('work-queue', id);
  return queue.id;
}

/** The page a queue's count links to: its list, or for an owner the action list of their vendors. */
export function hrefOf(queue: WorkQueueId): string {
  return queue === 'my-open-items' ? '/actions?mine=true' : `/work-queues/${queue}`;
}

function flagItem(row: VendorFlag): WorkItem {
  const subject = typeof row.params.title === 'string' ? row.params.title : typeof row.params.name === 'string' ? row.params.name : null;
  const href = row.code === 'finding-overdue' ? '/findings?status=open' : `/vendors/${row.vendorId}`;
  return { vendorId: row.vendorId, vendorName: row.vendorName, subject, dueDate: row.dueDate === null ? null : String(row.dueDate).slice(0, 10), href };
}

/** A date column as YYYY-MM-DD (MariaDB's driver may hand back a Date). */
function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
