import { EntityManager, In } from 'typeorm';
import { addToCounters } from '../database/counters';
import { RuleFlag, SEVERITIES } from '../rules/flags';
import { FlagCount, VendorFlag } from './vendor-flag.entity';

/** The severity's place in the lists' order (SEVERITIES: critical first); an unknown one last. */
export function severityRank(severity: string): number {
  const rank = (SEVERITIES as readonly string[]).indexOf(severity);
  return rank < 0 ? SEVERITIES.length : rank;
}

/** A vendor's flags as stored rows, in the rules' order. */
export function storedRowsOf(vendor: { id: string; name: string }, flags: readonly RuleFlag[]): VendorFlag[] {
  return flags.map((flag, position) =>
    Object.assign(new VendorFlag(), {
      vendorId: vendor.id,
      vendorName: vendor.name,
      position,
      code: flag.code,
      severity: flag.severity,
      severityRank: severityRank(flag.severity),
      basis: flag.basis,
      variant: flag.variant ?? null,
      clauseType: flag.clauseType ?? null,
      requirementIds: flag.requirementIds,
      params: flag.params,
      dueDate: flag.dueDate ?? null,
      refType: flag.refType ?? null,
      refId: flag.refId ?? null,
    }),
  );
}

/** A stored row as the rules made it, for the message renderer. */
export function ruleFlagOf(row: VendorFlag): RuleFlag {
  return {
    code: row.code as RuleFlag['code'],
    severity: row.severity as RuleFlag['severity'],
    basis: row.basis as RuleFlag['basis'],
    ...(row.variant === null ? {} : { variant: row.variant }),
    ...(row.clauseType === null ? {} : { clauseType: row.clauseType }),
    requirementIds: row.requirementIds,
    ...(row.dueDate === null ? {} : { dueDate: String(row.dueDate).slice(0, 10) }),
    ...(row.refType === null ? {} : { refType: row.refType as RuleFlag['refType'], refId: row.refId ?? undefined }),
    params: row.params,
  };
}

/** Whether a vendor's stored flags already say what a new evaluation says (then nothing is written). */
export function sameStoredFlags(stored: readonly VendorFlag[], fresh: readonly VendorFlag[]): boolean {
  if (stored.length !== fresh.length) return false;
  return stored.every((row, index) => sameRow(row, fresh[index]));
}

/**
 * Field by field, JSON values by content whatever their keys' order (MySQL's json type returns keys
 * in its own order): the daily job compares every stored flag, and serialising both sides with sorted
 * keys was a quarter of its CPU time.
 */
function sameRow(a: VendorFlag, b: VendorFlag): boolean {
  return (
    a.vendorName === b.vendorName && a.position === b.position && a.code === b.code && a.severity === b.severity && a.basis === b.basis &&
    a.variant === b.variant && a.clauseType === b.clauseType && a.refType === b.refType && a.refId === b.refId &&
    dayOf(a.dueDate) === dayOf(b.dueDate) && sameJson(a.requirementIds, b.requirementIds) && sameJson(a.params, b.params)
  );
}

function dayOf(value: string | Date | null): string | null {
  return value === null ? null : String(value).slice(0, 10);
}

/** Deep equality of JSON values, object keys in any order; an undefined member counts as absent (as JSON.stringify drops it). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = Object.entries(a as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const right = b as Record<string, unknown>;
  return left.length === Object.values(right).filter((value) => value !== undefined).length && left.every(([key, value]) => sameJson(value, right[key]));
}

/** Changes to flag_counts: per `code|severity`, flags and vendors added (or removed, negative). */
export class CountChanges {
  private readonly changes = new Map<string, { code: string; severity: string; flags: number; vendors: number }>();

  /** One vendor's flags replaced: its old rows go, its new rows come. */
  replace(stored: readonly VendorFlag[], fresh: readonly VendorFlag[]): void {
    for (const [rows, sign] of [[stored, -1], [fresh, 1]] as const) {
      const cells = new Set<string>();
      for (const row of rows) {
        this.cell(row).flags += sign;
        cells.add(`${row.code}|${row.severity}`);
      }
      for (const key of cells) this.changes.get(key)!.vendors += sign;
    }
  }

  /** Applies the changes in the caller's transaction (database/counters.ts). */
  async apply(manager: EntityManager): Promise<void> {
    await addToCounters(manager, 'flag_counts', ['code', 'severity'], ['flags', 'vendors'], [...this.changes.values()].map(({ code, severity, flags, vendors }) => ({ key: [code, severity], add: [flags, vendors] })));
  }

  private cell(row: VendorFlag) {
    const key = `${row.code}|${row.severity}`;
    let cell = this.changes.get(key);
    if (!cell) {
      cell = { code: row.code, severity: row.severity, flags: 0, vendors: 0 };
      this.changes.set(key, cell);
    }
    return cell;
  }
}

/**
 * How many stored flags match the code and severity, or how many vendors have one of that code (and
 * severity), from flag_counts. (Summed over several codes a vendor counts once per code.)
 */
export async function countStored(manager: EntityManager, what: 'flags' | 'vendors', filter: { code?: string; severity?: string }): Promise<number> {
  const where = { ...(filter.code ? { code: filter.code } : {}), ...(filter.severity ? { severity: filter.severity } : {}) };
  const cells = await manager.find(FlagCount, { where });
  return cells.reduce((sum, cell) => sum + Number(cell[what]), 0);
}

/** The stored flags of some vendors, by vendor in the rules' order. */
export async function storedFlagsOf(manager: EntityManager, vendorIds: readonly string[], chunkSize: number): Promise<Map<string, VendorFlag[]>> {
  const byVendor = new Map<string, VendorFlag[]>();
  for (let start = 0; start < vendorIds.length; start += chunkSize) {
    const rows = await manager.find(VendorFlag, { where: { vendorId: In(vendorIds.slice(start, start + chunkSize)) } });
    for (const row of rows) {
      const list = byVendor.get(row.vendorId);
      if (list) list.push(row);
      else byVendor.set(row.vendorId, [row]);
    }
  }
  for (const rows of byVendor.values()) rows.sort((a, b) => a.position - b.position);
  return byVendor;
}
