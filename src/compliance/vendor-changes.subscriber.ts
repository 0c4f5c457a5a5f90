import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityMetadata, EntitySubscriberInterface, InsertEvent, ObjectLiteral, RemoveEvent, UpdateEvent } from 'typeorm';
import { Setting } from '../settings/setting.entity';
import { Vendor } from '../vendors/vendor.entity';
import { VendorChanges, vendorChangesOf } from './changed-vendors';

/**
 * Entities that hold vendor data but are no fact of the compliance engine (by entity name: the
 * reminders, which read the engine, are not imported here): writing them changes no vendor's status.
 */
export const NOT_COMPLIANCE_FACTS: ReadonlyMap<string, string> = new Map([
  ['VendorFlag', 'derived: the engine writes them from the facts'],
  ['VendorAction', 'derived: the engine writes them from the stored flags'],
  ['CountedVendor', 'derived: what the engine last counted each vendor as'],
  ['Notification', 'the reminder ledger: the engine never reads it'],
  ['ChecklistEvent', "legal's review history: the engine reads the checklist items, not their history"],
  ['Document', 'evidence attached to a record: no rule reads documents'],
  ['FileVersion', 'the stored versions of a document: no rule reads them'],
  ['VendorContact', "a vendor's contact for questionnaires: no rule reads contacts"],
  ['QuestionnaireLink', "a questionnaire's link (its token's hash): no rule reads links"],
  ['VendorSearchTerm', "derived: the terms the vendor list's search reads, kept from the vendor's name"],
  ['VendorFacet', "derived: the vendor list's filter values, kept from the vendor's data categories and locations"],
  ['ContractQueueEntry', "derived: legal's work queues, kept from the contract, its checklist and its vendor's name"],
  ['IncidentReport', 'reports made: the rules read the state of the obligation each report settles, which is written with it'],
]);

/** Facts every vendor's evaluation reads (audit intervals, the objection period): a write recomputes every vendor. */
export const FACTS_OF_EVERY_VENDOR: readonly Function[] = [Setting];

/** How a row names its vendor: its own id (a vendor), its vendorId, or the record it belongs to (a checklist item: its contract). */
export type VendorRoute =
  | { kind: 'vendor' }
  | { kind: 'column'; column: string }
  | { kind: 'parent'; column: string; parent: EntityMetadata };

const routes = new WeakMap<EntityMetadata, VendorRoute | null>();

/**
 * The route from a table to its vendor, read from the entity metadata, so a new table that holds a
 * vendorId or belongs to a vendor's record is covered without being listed anywhere. Null for
 * tables with no vendor (users, the catalogue) and for NOT_COMPLIANCE_FACTS.
 */
export function vendorRouteOf(metadata: EntityMetadata, visiting = new Set<EntityMetadata>()): VendorRoute | null {
  if (routes.has(metadata)) return routes.get(metadata)!;
  let route: VendorRoute | null = null;
  if (NOT_COMPLIANCE_FACTS.has(metadata.name) || visiting.has(metadata)) return null;
  visiting.add(metadata);
  if (metadata.target === Vendor) route = { kind: 'vendor' };
  else if (metadata.findColumnWithPropertyName('vendorId')) route = { kind: 'column', column: 'vendorId' };
  else {
    for (const relation of [...metadata.manyToOneRelations, ...metadata.oneToOneRelations.filter((one) => one.isOwning)]) {
      if (relation.joinColumns.length !== 1 || !vendorRouteOf(relation.inverseEntityMetadata, visiting)) continue;
      route = { kind: 'parent', column: relation.joinColumns[0].propertyName, parent: relation.inverseEntityMetadata };
      break;
    }
  }
  visiting.delete(metadata);
  routes.set(metadata, route);
  return route;
}

/**
 * Marks the vendor of every row of a compliance fact that a transaction inserts, updates or deletes
 * (through TypeORM: save, insert, remove, the query builder, or updateRow/deleteRow), so the engine
 * recomputes that vendor before the transaction commits (ComplianceService). Features thus never
 * call the engine, and cannot forget to: a write that does not say which row it touched (an UPDATE
 * or DELETE by criteria from the query builder), or one outside runInTransaction(), is refused.
 * Not seen: raw SQL (none writes a fact: architecture.spec.ts checks it) and bulk loads that turn
 * listeners off and recompute afterwards (the backup restore, the benchmark's seeding).
 */
@Injectable()
export class VendorChangesSubscriber implements EntitySubscriberInterface {
  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> | void {
    return this.changed(event.manager, event.metadata, [event.entity], 'inserted');
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> | void {
    return this.changed(event.manager, event.metadata, [event.databaseEntity, event.entity], 'updated');
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> | void {
    const identified = event.entityId === undefined ? [] : [identifierRow(event.metadata, event.entityId)];
    return this.changed(event.manager, event.metadata, [event.databaseEntity, event.entity, ...identified], 'deleted');
  }

  /** Synchronous unless a row's vendor must be read (a bulk insert of a contract's items costs no promise per row). */
  private changed(manager: EntityManager, metadata: EntityMetadata, rows: Array<ObjectLiteral | undefined>, verb: string): Promise<void> | void {
    if (FACTS_OF_EVERY_VENDOR.includes(metadata.target as Function)) {
      vendorChangesOf(manager, metadata.name).everyVendor = true;
      return;
    }
    const route = vendorRouteOf(metadata);
    if (!route) return;
    const changes = vendorChangesOf(manager, metadata.name);
    const keys = rows.flatMap((row) => (row ? [vendorKeyOf(metadata, route, row)] : [])).filter((key) => key !== undefined);
    if (keys.length === 0) {
      throw new Error(
        `${metadata.name} was ${verb} without naming its row, so the compliance engine cannot tell which vendor changed: ` +
          'write it with save(), insert() or remove(), or with updateRow()/deleteRow() (src/database/row-writes.ts)',
      );
    }
    const unknown: string[] = [];
    for (const key of keys) {
      if (key === null) continue;
      const vendorId = route.kind === 'parent' ? changes.owners.get(`${route.parent.name}:${key}`) : key;
      if (vendorId) changes.vendorIds.add(vendorId);
      else unknown.push(key);
    }
    if (route.kind !== 'parent') {
      // Remembered for the records that belong to this one (a new contract's checklist items).
      const id = primaryOf(metadata, rows.find(Boolean)!);
      const vendorId = keys.find((key) => typeof key === 'string');
      if (typeof id === 'string' && vendorId) changes.owners.set(`${metadata.name}:${id}`, vendorId);
    }
    if (unknown.length > 0 && route.kind === 'parent') return this.markOwners(manager, changes, route.parent, unknown);
  }

  private async markOwners(manager: EntityManager, changes: VendorChanges, parent: EntityMetadata, ids: string[]): Promise<void> {
    for (const id of ids) {
      const vendorId = await this.ownerOf(manager, changes, parent, id);
      if (vendorId) changes.vendorIds.add(vendorId);
    }
  }

  /** The vendor of a stored record, read once per transaction and record. */
  private ownerOf(manager: EntityManager, changes: VendorChanges, metadata: EntityMetadata, id: string): Promise<string | null> {
    const route = vendorRouteOf(metadata)!;
    if (route.kind === 'vendor') return Promise.resolve(id);
    const record = `${metadata.name}:${id}`;
    const known = changes.owners.get(record);
    if (known) return Promise.resolve(known);
    let lookup = changes.lookups.get(record);
    if (!lookup) {
      lookup = (async () => {
        const row = await manager.findOne(metadata.target, { where: identifierRow(metadata, id) });
        const key = row ? vendorKeyOf(metadata, route, row) : null;
        const vendorId = typeof key !== 'string' ? null : route.kind === 'parent' ? await this.ownerOf(manager, changes, route.parent, key) : key;
        if (vendorId) changes.owners.set(record, vendorId);
        return vendorId;
      })();
      changes.lookups.set(record, lookup);
    }
    return lookup;
  }
}

/** The value that leads a row to its vendor: null when it belongs to none, undefined when the values do not name it. */
function vendorKeyOf(metadata: EntityMetadata, route: VendorRoute, row: ObjectLiteral): string | null | undefined {
  const key = route.kind === 'vendor' ? primaryOf(metadata, row) : row[route.column];
  return key === null || typeof key === 'string' ? key : undefined;
}

function primaryOf(metadata: EntityMetadata, row: ObjectLiteral): unknown {
  return metadata.primaryColumns.length === 1 ? row[metadata.primaryColumns[0].propertyName] : undefined;
}

function identifierRow(metadata: EntityMetadata, id: unknown): ObjectLiteral {
  if (id !== null && typeof id === 'object') return id as ObjectLiteral;
  return metadata.primaryColumns.length === 1 ? { [metadata.primaryColumns[0].propertyName]: id } : {};
}
