import { createHash } from 'node:crypto';
import { DataSource, EntityManager, EntitySubscriberInterface, EventSubscriber, In, InsertEvent, ObjectLiteral, UpdateEvent } from 'typeorm';
import { eventLoopTurns } from '../common/event-loop';
import { CellChanges } from '../database/counters';
import { insertRowsUnheard } from '../database/row-writes';
import { collectedPerTransaction } from '../database/transactions';
import { ContractStatus, noticeDeadline } from '../rules/contracts';
import { contractQueueKeys, contractReview, renewalCountKey, RenewalCountKey, renewalDecisionDue, WORK_QUEUE_DAYS } from '../rules/work-queues';
import { Vendor } from '../vendors/vendor.entity';
import { ChecklistEvent, ChecklistItem, ContractChecklist } from './checklist.entity';
import { Contract } from './contract.entity';
import { ContractQueueEntry } from './contract-queue-entry.entity';

/** Contracts per read, DELETE and INSERT. */
const CHUNK = 500;

/** A contract as its queue entry is derived from: the contract, its vendor's name, how far its checklist has come. */
interface QueueFactsRow {
  id: string;
  title: string;
  vendorId: string;
  vendorName: string;
  status: ContractStatus;
  effectiveFrom: string | Date;
  expiresOn: string | Date | null;
  autoRenew: boolean | number;
  noticeDays: number | string | null;
  approved: number | string;
  reviewedItems: number | string;
  cleared: number | string | null;
}

/** The queue entry of a contract (rules/work-queues.ts contractQueueKeys), or null when it is in none of legal's queues. */
export function queueEntryOf(row: QueueFactsRow): ContractQueueEntry | null {
  const facts = {
    id: row.id, title: row.title, status: row.status, effectiveFrom: dateOf(row.effectiveFrom)!, expiresOn: dateOf(row.expiresOn), autoRenew: Boolean(Number(row.autoRenew)),
    noticeDays: row.noticeDays === null ? null : Number(row.noticeDays), approved: Number(row.approved) === 1, reviewedItems: Number(row.reviewedItems), approvalCleared: row.cleared !== null,
  };
  const keys = contractQueueKeys(facts);
  if (keys.review === null && keys.renewalDecisionOn === null) return null;
  const counted = renewalCountKey({ ...facts, ...keys });
  return Object.assign(new ContractQueueEntry(), {
    contractId: row.id, vendorId: row.vendorId, vendorName: row.vendorName, title: row.title, status: row.status,
    effectiveFrom: facts.effectiveFrom, expiresOn: facts.expiresOn, autoRenew: facts.autoRenew, review: keys.review, renewalDecisionOn: keys.renewalDecisionOn,
    renewalCountedFrom: counted?.countedFrom ?? null,
  });
}

/** The key an entry is counted under in renewal_due_counts, as stored with it (null: not counted). */
function countedKeyOf(entry: { renewalDecisionOn: string | Date | null; expiresOn: string | Date | null; renewalCountedFrom: string | Date | null }): RenewalCountKey | null {
  const [renewalDecisionOn, expiresOn, countedFrom] = [dateOf(entry.renewalDecisionOn), dateOf(entry.expiresOn), dateOf(entry.renewalCountedFrom)];
  return renewalDecisionOn === null || expiresOn === null || countedFrom === null ? null : { renewalDecisionOn, expiresOn, countedFrom };
}

/**
 * A fingerprint of what the entries are derived by: another at start means they may be another
 * rule's, and every contract's entry is written anew before the app serves.
 */
export function contractQueuesFingerprint(): string {
  const code = [contractQueueKeys, contractReview, renewalDecisionDue, noticeDeadline, renewalCountKey, queueEntryOf, countedKeyOf, rewriteContractQueues].map((fn) => fn.toString());
  return createHash('sha256').update(JSON.stringify([WORK_QUEUE_DAYS, code])).digest('hex');
}

/**
 * Rewrites the queue entries of these contracts from their stored rows, in the caller's transaction,
 * and moves renewal_due_counts with them (one upsert per key that changes, once, in one order).
 */
export async function rewriteContractQueues(manager: EntityManager, contractIds: readonly string[]): Promise<void> {
  // An import's thousands of contracts: the event loop turns between slices.
  const turns = eventLoopTurns();
  // renewal_due_counts: each old entry's count taken from the key stored with it (what was added, whatever the rules then), each new one's added.
  const renewalCounts = new CellChanges('renewal_due_counts', ['renewalDecisionOn', 'expiresOn', 'countedFrom'], 'contracts');
  const count = (key: RenewalCountKey | null, delta: number) => key && renewalCounts.add([key.renewalDecisionOn, key.expiresOn, key.countedFrom], delta);
  for (let start = 0; start < contractIds.length; start += CHUNK) {
    await turns.pause();
    const ids = contractIds.slice(start, start + CHUNK);
    const counted: Array<{ renewalDecisionOn: string | Date | null; expiresOn: string | Date | null; renewalCountedFrom: string | Date | null }> = await manager.query(
      `SELECT renewalDecisionOn, expiresOn, renewalCountedFrom FROM contract_queue_entries WHERE contractId IN (${ids.map(() => '?').join(', ')}) AND renewalCountedFrom IS NOT NULL`,
      ids,
    );
    for (const entry of counted) count(countedKeyOf(entry), -1);
    await manager.createQueryBuilder().delete().from(ContractQueueEntry).where({ contractId: In(ids) }).callListeners(false).execute();
    const rows: QueueFactsRow[] = await manager.query(
      `SELECT c.id, c.title, c.vendorId, v.name AS vendorName, c.status, c.effectiveFrom, c.expiresOn, c.autoRenew, c.noticeDays,
        CASE WHEN ck.approvedAt IS NULL THEN 0 ELSE 1 END AS approved,
        (SELECT COUNT(*) FROM checklist_items i WHERE i.contractId = c.id AND i.status <> 'not-reviewed') AS reviewedItems,
        (SELECT 1 FROM checklist_events e WHERE e.contractId = c.id AND e.kind = 'approval-cleared' LIMIT 1) AS cleared
      FROM contracts c JOIN vendors v ON v.id = c.vendorId LEFT JOIN contract_checklists ck ON ck.contractId = c.id
      WHERE c.id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const entries = rows.map(queueEntryOf).filter((entry): entry is ContractQueueEntry => entry !== null);
    for (const entry of entries) count(countedKeyOf(entry), 1);
    await insertRowsUnheard(manager, ContractQueueEntry, entries, CHUNK);
  }
  await renewalCounts.apply(manager);
}

/** The contracts of these vendors (whose entries a change of the vendor's name rewrites). */
async function contractsOf(manager: EntityManager, vendorIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < vendorIds.length; start += CHUNK) {
    ids.push(...(await manager.find(Contract, { where: { vendorId: In(vendorIds.slice(start, start + CHUNK)) }, select: { id: true } })).map((contract) => contract.id));
  }
  return ids;
}

/**
 * Every contract's queue entry written anew, a slice of contracts per transaction (at start, when the
 * rules changed), and the renewals counted from nothing: first the counts go and no entry is counted.
 */
export async function rewriteAllContractQueues(dataSource: DataSource, inTransaction: (work: (manager: EntityManager) => Promise<void>) => Promise<void>): Promise<number> {
  await inTransaction(async (manager) => {
    await manager.query('DELETE FROM renewal_due_counts');
    await manager.query('UPDATE contract_queue_entries SET renewalCountedFrom = NULL WHERE renewalCountedFrom IS NOT NULL');
  });
  let after = '';
  let count = 0;
  for (;;) {
    const ids = ((await dataSource.query(`SELECT id FROM contracts WHERE id > ? ORDER BY id LIMIT ${CHUNK * 4}`, [after])) as Array<{ id: string }>).map((row) => row.id);
    if (ids.length === 0) return count;
    await inTransaction((manager) => rewriteContractQueues(manager, ids));
    after = ids[ids.length - 1];
    count += ids.length;
  }
}

/** The contracts and renamed vendors a transaction wrote: their entries rewritten once each just before it commits. */
const pendingContracts = collectedPerTransaction(
  () => ({ contracts: new Set<string>(), vendors: new Set<string>() }),
  async (manager, pending) => {
    // One rewrite: renewal_due_counts moves once, its rows taken in one order.
    await rewriteContractQueues(manager, [...new Set([...pending.contracts, ...(await contractsOf(manager, [...pending.vendors]))])]);
  },
);
/** The checklist's tables: a row names its contract in contractId. */
const CHECKLIST_TABLES: readonly Function[] = [ContractChecklist, ChecklistItem, ChecklistEvent];

/**
 * Keeps legal's queue entries in the transaction that writes what they are derived from (save,
 * insert, insertRows, updateRow: the API, the pages, the import): a contract or its checklist written,
 * or a vendor renamed, and the contracts touched are rewritten just before it commits, once each.
 * Bulk loads that turn listeners off write the entries themselves (the benchmark's seeding); a
 * restored backup holds the table as it was.
 */
@EventSubscriber()
export class ContractQueueSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | void {
    // A new vendor has no contracts yet (those written with it are heard themselves).
    return this.written(event.connection, event.manager, event.metadata.target, event.entity, event.metadata.target !== Vendor);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> | void {
    const renamed = event.metadata.target !== Vendor || event.updatedColumns.some((column) => column.propertyName === 'name');
    return this.written(event.connection, event.manager, event.metadata.target, event.entity ?? event.databaseEntity, renamed);
  }

  private written(dataSource: DataSource, manager: EntityManager, target: unknown, row: ObjectLiteral | undefined, relevant: boolean): Promise<void> | void {
    const contractId: unknown = target === Contract ? row?.id : CHECKLIST_TABLES.includes(target as Function) ? row?.contractId : undefined;
    const vendorId: unknown = target === Vendor && relevant ? row?.id : undefined;
    if (typeof contractId !== 'string' && typeof vendorId !== 'string') return;
    const pending = pendingContracts(dataSource, manager);
    if (!pending) return typeof contractId === 'string' ? rewriteContractQueues(manager, [contractId]) : contractsOf(manager, [vendorId as string]).then((ids) => rewriteContractQueues(manager, ids));
    if (typeof contractId === 'string') pending.contracts.add(contractId);
    if (typeof vendorId === 'string') pending.vendors.add(vendorId);
  }
}

/** A date column as YYYY-MM-DD (MariaDB's driver may hand back a Date). */
function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
