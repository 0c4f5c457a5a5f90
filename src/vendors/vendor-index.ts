import { DataSource, EntityManager, EntitySubscriberInterface, EventSubscriber, In, InsertEvent, ObjectLiteral, RemoveEvent, UpdateEvent } from 'typeorm';
import { collectedPerTransaction } from '../database/transactions';
import { insertRowsUnheard } from '../database/row-writes';
import { vendorSearchTerms } from '../rules/search-terms';
import { Vendor } from './vendor.entity';
import { VendorFacet, VendorSearchTerm } from './vendor-index.entity';

/** The columns the search terms and facets are derived from. */
export type IndexedVendor = Pick<Vendor, 'id' | 'name' | 'searchKey' | 'corporateNumber' | 'country' | 'dataLocations' | 'dataCategories'>;
const INDEXED_COLUMNS: ReadonlyArray<keyof IndexedVendor> = ['name', 'searchKey', 'corporateNumber', 'country', 'dataLocations', 'dataCategories'];
/** Vendors per read, DELETE and batch of INSERTs. */
const CHUNK = 500;

/** The search terms and facet rows of some vendors. */
export function indexRowsOf(vendors: readonly IndexedVendor[]): { terms: VendorSearchTerm[]; facets: VendorFacet[] } {
  const terms: VendorSearchTerm[] = [];
  const facets: VendorFacet[] = [];
  for (const vendor of vendors) {
    for (const term of vendorSearchTerms(vendor)) terms.push({ term, vendorId: vendor.id });
    for (const value of new Set(vendor.dataCategories)) facets.push({ kind: 'category', value, vendorId: vendor.id });
    for (const value of new Set([vendor.country, ...vendor.dataLocations])) facets.push({ kind: 'location', value, vendorId: vendor.id });
  }
  return { terms, facets };
}

/**
 * Writes the terms and facets of vendors that have none stored (new ones, or after `forget`). On
 * MySQL/MariaDB two terms that differ only in what utf8mb4_unicode_ci ignores are one key: the second is left out.
 */
export async function indexVendors(manager: EntityManager, vendors: readonly IndexedVendor[]): Promise<void> {
  const { terms, facets } = indexRowsOf(vendors);
  await insertRowsUnheard(manager, VendorSearchTerm, terms, CHUNK, { skipDuplicates: true });
  await insertRowsUnheard(manager, VendorFacet, facets, CHUNK, { skipDuplicates: true });
}

/** Rebuilds the terms and facets of these vendors from their stored rows (those gone lose theirs). */
export async function reindexVendors(manager: EntityManager, vendorIds: readonly string[]): Promise<void> {
  for (let start = 0; start < vendorIds.length; start += CHUNK) {
    const ids = vendorIds.slice(start, start + CHUNK);
    await manager.createQueryBuilder().delete().from(VendorSearchTerm).where({ vendorId: In(ids) }).callListeners(false).execute();
    await manager.createQueryBuilder().delete().from(VendorFacet).where({ vendorId: In(ids) }).callListeners(false).execute();
    const vendors = await manager.find(Vendor, { where: { id: In(ids) }, select: ['id', ...INDEXED_COLUMNS] });
    await indexVendors(manager, vendors);
  }
}

/** The vendors a transaction wrote, re-indexed once each just before it commits. */
const pendingVendors = collectedPerTransaction(() => new Set<string>(), (manager, ids) => reindexVendors(manager, [...ids]));

/**
 * Keeps the search terms and facets of every vendor written through TypeORM (save, insert, remove,
 * insertRows, updateRow/deleteRow: the API, the pages, the import) in the transaction that writes it:
 * the vendors it touched are re-indexed just before it commits, once each. Bulk loads that turn
 * listeners off index what they write themselves (the benchmark's seeding); a restored backup holds
 * the tables as they were.
 */
@EventSubscriber()
export class VendorIndexSubscriber implements EntitySubscriberInterface<Vendor> {
  listenTo(): typeof Vendor {
    return Vendor;
  }

  afterInsert(event: InsertEvent<Vendor>): Promise<void> | void {
    return this.changed(event.connection, event.manager, event.entity);
  }

  afterUpdate(event: UpdateEvent<Vendor>): Promise<void> | void {
    if (!event.updatedColumns.some((column) => (INDEXED_COLUMNS as readonly string[]).includes(column.propertyName))) return;
    return this.changed(event.connection, event.manager, event.entity ?? event.databaseEntity);
  }

  afterRemove(event: RemoveEvent<Vendor>): Promise<void> | void {
    return this.changed(event.connection, event.manager, event.databaseEntity ?? event.entity ?? (typeof event.entityId === 'string' ? { id: event.entityId } : undefined));
  }

  private changed(dataSource: DataSource, manager: EntityManager, row: ObjectLiteral | undefined): Promise<void> | void {
    const id: unknown = row?.id;
    if (typeof id !== 'string') throw new Error('a vendor was written without naming its row: its search terms cannot be kept (write it with src/database/row-writes.ts)');
    const pending = pendingVendors(dataSource, manager);
    // Outside runInTransaction() (no writer of the app does this: the compliance engine refuses it), at once.
    if (!pending) return reindexVendors(manager, [id]);
    pending.add(id);
  }
}
