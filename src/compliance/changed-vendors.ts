import { EntityManager } from 'typeorm';
import { transactionOf } from '../database/transactions';

/**
 * The vendors whose facts the running transaction changed, gathered by the VendorChanges subscriber
 * and recomputed by the compliance engine just before the transaction commits. Kept per transaction
 * (runInTransaction), so nothing carries over to the next one.
 */
export interface VendorChanges {
  vendorIds: Set<string>;
  /** A fact every vendor's evaluation reads changed (the settings): every vendor is recomputed. */
  everyVendor: boolean;
  /** Which vendor a record belongs to (`Contract:<id>` → vendor id), so a contract's items cost no query each. */
  owners: Map<string, string>;
  /** Reads of a record's vendor under way (a bulk insert names one contract in 16 rows at once). */
  lookups: Map<string, Promise<string | null>>;
}

const byTransaction = new WeakMap<object, VendorChanges>();

/** The running transaction's changes; `written` names what was written, for the error outside a transaction. */
export function vendorChangesOf(manager: EntityManager, written: string): VendorChanges {
  const transaction = transactionOf(manager);
  if (!transaction) {
    throw new Error(`${written} was written outside runInTransaction(): the compliance engine would not recompute its vendor`);
  }
  let changes = byTransaction.get(transaction);
  if (!changes) {
    changes = { vendorIds: new Set(), everyVendor: false, owners: new Map(), lookups: new Map() };
    byTransaction.set(transaction, changes);
  }
  return changes;
}

/** What the transaction changed (null: no vendor fact), forgotten once taken. */
export function takeVendorChanges(manager: EntityManager): { vendorIds: string[]; everyVendor: boolean } | null {
  const transaction = transactionOf(manager);
  const changes = transaction ? byTransaction.get(transaction) : undefined;
  if (!transaction || !changes) return null;
  byTransaction.delete(transaction);
  if (changes.vendorIds.size === 0 && !changes.everyVendor) return null;
  return { vendorIds: [...changes.vendorIds], everyVendor: changes.everyVendor };
}

/** What the running transaction has changed so far, kept (for tests). */
export function pendingVendorChanges(manager: EntityManager): { vendorIds: string[]; everyVendor: boolean } {
  const transaction = transactionOf(manager);
  const changes = transaction ? byTransaction.get(transaction) : undefined;
  return { vendorIds: [...(changes?.vendorIds ?? [])].sort(), everyVendor: changes?.everyVendor ?? false };
}
