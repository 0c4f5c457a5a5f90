import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Action, ACTION_KINDS, ACTION_RULES, ACTION_SEVERITIES, actionRuleOf, DEFAULT_ACTION_RULE, responsibleRoleOf, vendorActions } from '../rules/actions';
import { RuleFlag } from '../rules/flags';
import { RiskTier, VENDOR_STATUSES } from '../rules/vendor-facts';
import { auditQueueDue } from '../rules/work-queues';
import { Audit } from '../supervision/supervision.entities';
import { CellChanges } from '../database/counters';
import { severityRank } from './stored-flags';
import { CountedVendor, VendorAction } from './vendor-action.entity';

/** The action list's tier order: high first (rules/actions.ts, compareActions). */
export const TIER_ORDER: readonly RiskTier[] = ['high', 'medium', 'low'];
/** An action without a due date comes after every date (rules/actions.ts, compareDue). */
export const NO_DUE_DATE = '9999-12-31';

/** What the engine knows of a vendor when it stores its actions. */
export interface ActionOwner {
  id: string;
  name: string;
  riskTier: RiskTier;
  ownerEmail: string | null;
}

/**
 * A fingerprint of what the stored actions are derived by: the rule's tables (codes to kinds, roles,
 * severities) and the functions that group and store them. Another fingerprint at start means the
 * stored actions may be another rule's: every vendor is recomputed before the app serves.
 */
export function storedActionsFingerprint(): string {
  const derivation = [ACTION_KINDS, ACTION_RULES, DEFAULT_ACTION_RULE, ACTION_SEVERITIES, ACTION_KINDS.map(responsibleRoleOf), TIER_ORDER, NO_DUE_DATE];
  const code = [vendorActions, actionRuleOf, responsibleRoleOf, groupRefOf, storedActionRowsOf].map((fn) => fn.toString());
  return createHash('sha256').update(JSON.stringify([derivation, code])).digest('hex');
}

/** Which of a vendor's actions of one kind this is: its record (per-record kinds), its code (an unknown code), else ''. */
export function groupRefOf(action: Pick<Action, 'kind' | 'flagCodes' | 'refId'>): string {
  return action.kind === 'resolve-flag' ? action.flagCodes[0] : (action.refId ?? '');
}

/**
 * A vendor's actions today as stored rows: the rule (vendorActions) groups its flags, the row keeps
 * what the list orders and filters by. Where an action leads (a contract in force, an open audit) is
 * not stored: the list asks the rule again for the page's vendors.
 */
export function storedActionRowsOf(vendor: ActionOwner, flags: readonly RuleFlag[], today: string): VendorAction[] {
  const owner = vendor.ownerEmail ? vendor.ownerEmail.toLowerCase() : null;
  const actions = vendorActions({ id: vendor.id, name: vendor.name, riskTier: vendor.riskTier, ownerEmail: owner, contractsInForce: [], openAuditId: null, flags }, today);
  return actions.map((action) =>
    Object.assign(new VendorAction(), {
      vendorId: vendor.id,
      kind: action.kind,
      groupRef: groupRefOf(action),
      kindRank: ACTION_KINDS.indexOf(action.kind),
      role: responsibleRoleOf(action.kind),
      severityRank: severityRank(action.severity),
      tierRank: TIER_ORDER.indexOf(vendor.riskTier),
      dueKey: action.dueDate ?? NO_DUE_DATE,
      vendorName: vendor.name,
      ownerEmail: owner,
    }),
  );
}

/** Whether a vendor's stored actions already say what the fresh ones say (then nothing is written). */
export function sameStoredActions(stored: readonly VendorAction[], fresh: readonly VendorAction[]): boolean {
  if (stored.length !== fresh.length) return false;
  const text = (rows: readonly VendorAction[]) =>
    rows
      .map((row) => JSON.stringify([row.kind, row.groupRef, row.kindRank, row.role, row.severityRank, row.tierRank, String(row.dueKey).slice(0, 10), row.vendorName, row.ownerEmail]))
      .sort()
      .join('\n');
  return text(stored) === text(fresh);
}

/** The stored actions of some vendors, by vendor. */
export async function storedActionsOf(manager: EntityManager, vendorIds: readonly string[], chunkSize: number): Promise<Map<string, VendorAction[]>> {
  const byVendor = new Map<string, VendorAction[]>();
  for (let start = 0; start < vendorIds.length; start += chunkSize) {
    for (const row of await manager.find(VendorAction, { where: { vendorId: In(vendorIds.slice(start, start + chunkSize)) } })) {
      const list = byVendor.get(row.vendorId);
      if (list) list.push(row);
      else byVendor.set(row.vendorId, [row]);
    }
  }
  return byVendor;
}

/** Changes to action_counts: a vendor's old actions go, its new ones come (per kind and vendor tier). */
export class ActionCountChanges extends CellChanges {
  constructor() {
    super('action_counts', ['kind', 'riskTier'], 'actions');
  }

  replace(stored: readonly VendorAction[], fresh: readonly VendorAction[]): void {
    for (const row of stored) this.add([row.kind, TIER_ORDER[row.tierRank]], -1);
    for (const row of fresh) this.add([row.kind, TIER_ORDER[row.tierRank]], 1);
  }
}

/** What some vendors count as on the dashboard now (counted_vendors), by vendor. */
export async function countedVendorsOf(manager: EntityManager, vendorIds: readonly string[], chunkSize: number): Promise<Map<string, CountedVendor>> {
  const byVendor = new Map<string, CountedVendor>();
  for (let start = 0; start < vendorIds.length; start += chunkSize) {
    for (const row of await manager.find(CountedVendor, { where: { vendorId: In(vendorIds.slice(start, start + chunkSize)) } })) byVendor.set(row.vendorId, row);
  }
  return byVendor;
}

/** Which of some vendors have an audit planned or in progress (rules/work-queues.ts AuditQueueFacts.openAudit), through the audits' (vendorId, status) index. */
export async function openAuditsOf(manager: EntityManager, vendorIds: readonly string[], chunkSize: number): Promise<Set<string>> {
  const open = new Set<string>();
  for (let start = 0; start < vendorIds.length; start += chunkSize) {
    const rows = await manager.find(Audit, { select: { vendorId: true }, where: { vendorId: In(vendorIds.slice(start, start + chunkSize)), status: In(['planned', 'in-progress']) } });
    for (const row of rows) open.add(row.vendorId);
  }
  return open;
}

/**
 * A fingerprint of what the audit queue's counts are derived by: the rule's code and its answer for
 * each vendor status. Another at start means every vendor is recomputed before the app serves.
 */
export function auditDueCountsFingerprint(): string {
  const answers = VENDOR_STATUSES.flatMap((status) => [false, true].map((openAudit) => auditQueueDue({ status, nextAuditDue: '2000-01-01', openAudit })));
  return createHash('sha256').update(JSON.stringify([auditQueueDue.toString(), answers, openAuditsOf.toString()])).digest('hex');
}
