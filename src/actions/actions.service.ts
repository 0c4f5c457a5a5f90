import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { indexHint } from '../database/index-hint';
import { Page, pageOf } from '../common/pagination';
import { loadComplianceFacts } from '../compliance/compliance-facts';
import { ComplianceService } from '../compliance/compliance.service';
import { evaluateFacts } from '../compliance/evaluate-facts';
import { ruleFlagOf, severityRank } from '../compliance/stored-flags';
import { groupRefOf, TIER_ORDER } from '../compliance/stored-actions';
import { ActionCount } from '../compliance/vendor-action.entity';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { Contract } from '../contracts/contract.entity';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import {
  Action,
  ACTION_KINDS,
  ACTION_SEVERITIES,
  ActionFilter,
  ActionKind,
  actionsOf,
  ActionVendor,
  matchesFilter,
  ResponsibleRole,
  responsibleRoleOf,
  vendorActions,
} from '../rules/actions';
import { isInForce } from '../rules/contracts';
import { RiskTier } from '../rules/vendor-facts';
import { SettingsService } from '../settings/settings.service';
import { Audit } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { ActionView, renderAction } from './action.view';

export interface ActionQuery {
  /** Only the vendors this e-mail owns. */
  ownerEmail?: string;
  role?: ResponsibleRole;
  kind?: ActionKind;
  riskTier?: RiskTier;
  asOf?: string;
  page: number;
  pageSize: number;
}

const CHUNK = 500;
/**
 * The action list (rules/actions.ts). Today's list reads the stored actions (vendor_actions, kept
 * current by the compliance engine with the stored flags): filtered, ordered and paged through their
 * indexes, totals from action_counts, and only the page's vendors read back and turned into actions by
 * the rule, so a request costs the same few queries and rows whatever the register's size. Another date evaluates the vendors on that date.
 */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly settings: SettingsService,
    private readonly compliance: ComplianceService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  async list(query: ActionQuery, locale: Locale): Promise<Page<ActionView>> {
    const today = this.clock.today();
    const asOf = query.asOf ?? today;
    const filter: ActionFilter = {
      ...(query.ownerEmail !== undefined ? { ownerEmail: query.ownerEmail.toLowerCase() } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.riskTier ? { riskTier: query.riskTier } : {}),
    };
    const { items, total } = asOf === today ? await this.storedPage(today, filter, query) : await this.evaluatedPage(asOf, filter, query);
    return pageOf(items.map((action) => renderAction(action, locale, this.translator)), total, query);
  }

  /** How many actions today pass the filter (the work queues' "open items" of an owner): from the counts, or one count over the owner's actions. */
  async countToday(filter: ActionFilter): Promise<number> {
    return this.storedTotal(filter);
  }

  /**
   * How many actions of each kind there are today, from action_counts (kept with the stored actions in
   * the engine's transaction): equal to the list's totals by kind.
   */
  async countsByKind(): Promise<Record<ActionKind, number>> {
    const counts = Object.fromEntries(ACTION_KINDS.map((kind) => [kind, 0])) as Record<ActionKind, number>;
    for (const cell of await this.dataSource.getRepository(ActionCount).find()) {
      if ((ACTION_KINDS as readonly string[]).includes(cell.kind)) counts[cell.kind as ActionKind] += Number(cell.actions);
    }
    return counts;
  }

  /**
   * Today's page from the stored actions (vendor_actions, written by the compliance engine from the
   * rule's grouping). The list's order — severity, then the most days overdue, then risk tier, then
   * due date, vendor name, vendor, kind, record — is, for one severity and one tier, the order of
   * the stored actions' index (due date first: the overdue ones come first, earliest first). So each
   * (severity, tier) is one walk of an index stopping after the page, and the overdue parts of the
   * tiers are merged by due date and tier: no query reads or sorts more than the page's depth of rows.
   * The page's vendors are then read back and turned into actions by the rule (vendorActions).
   */
  private async storedPage(today: string, filter: ActionFilter, query: ActionQuery): Promise<{ items: Action[]; total: number }> {
    const depth = query.page * query.pageSize;
    const selection = this.selectionOf(filter);
    const tiers = filter.riskTier ? [TIER_ORDER.indexOf(filter.riskTier)] : TIER_ORDER.map((_, rank) => rank);
    const severities = ACTION_SEVERITIES.map((severity) => severityRank(severity));
    const orderBy = `dueKey ASC, vendorName ASC, vendorId ASC${selection.byKindIndex ? '' : ', kindRank ASC'}, groupRef ASC`;
    const walk = (severity: number, tier: number) =>
      selection.none
        ? Promise.resolve([] as StoredKey[])
        : (this.dataSource.query(
            `SELECT vendorId, kind, groupRef, tierRank, dueKey FROM vendor_actions ${indexHint(this.dataSource, selection.index)}
            WHERE ${[...selection.conditions, 'severityRank = ?', 'tierRank = ?'].join(' AND ')} ORDER BY ${orderBy} LIMIT ${Number(depth)}`,
            [...selection.parameters, severity, tier],
          ) as Promise<StoredKey[]>);
    const [walks, total] = await Promise.all([Promise.all(severities.map((severity) => Promise.all(tiers.map((tier) => walk(severity, tier))))), this.storedTotal(filter)]);
    const ordered = walks.flatMap((byTier) => {
      const rows = byTier.map((list) => list.map((row) => ({ ...row, dueKey: dateOf(row.dueKey)!, tierRank: Number(row.tierRank) })));
      // Overdue first, the earliest due date first, then the higher tier (a stable sort keeps each walk's own order among equals).
      const overdue = rows.flatMap((list) => list.filter((row) => row.dueKey < today)).sort((a, b) => compareText(a.dueKey, b.dueKey) || a.tierRank - b.tierRank);
      return [...overdue, ...rows.flatMap((list) => list.filter((row) => row.dueKey >= today))];
    });
    const keys = ordered.slice((query.page - 1) * query.pageSize, depth);
    const vendors = await this.actionVendors([...new Set(keys.map((key) => key.vendorId))], today);
    const byKey = new Map<string, Action>();
    for (const vendor of vendors) for (const action of vendorActions(vendor, today)) byKey.set(keyOf(action.vendorId, action.kind, groupRefOf(action)), action);
    return { items: keys.flatMap((key) => byKey.get(keyOf(key.vendorId, key.kind, key.groupRef)) ?? []), total };
  }

  /**
   * Today's total: from action_counts (per kind and tier) without an owner; an owner's actions are
   * counted through the owner's index (as many rows as the owner has actions, not the register).
   */
  private async storedTotal(filter: ActionFilter): Promise<number> {
    const selection = this.selectionOf(filter);
    if (selection.none) return 0;
    if (filter.ownerEmail !== undefined) {
      const conditions = [...selection.conditions, ...(filter.riskTier ? ['tierRank = ?'] : [])];
      const parameters = [...selection.parameters, ...(filter.riskTier ? [TIER_ORDER.indexOf(filter.riskTier)] : [])];
      const [row] = (await this.dataSource.query(`SELECT COUNT(*) AS total FROM vendor_actions ${indexHint(this.dataSource, selection.index)} WHERE ${conditions.join(' AND ')}`, parameters)) as Array<{ total: string | number }>;
      return Number(row.total);
    }
    const kinds = kindsOf(filter);
    const cells = await this.dataSource.getRepository(ActionCount).find();
    return cells.filter((cell) => (kinds as readonly string[]).includes(cell.kind) && (!filter.riskTier || cell.riskTier === filter.riskTier)).reduce((sum, cell) => sum + Number(cell.actions), 0);
  }

  /**
   * The stored actions' conditions for a filter and the index that serves them in the list's order:
   * the owner's (its kind or role as a condition on the rows read), else the kind's, the role's, or
   * the whole order's. `none`: a kind and a role that never meet.
   */
  private selectionOf(filter: ActionFilter): { index: string; conditions: string[]; parameters: unknown[]; byKindIndex: boolean; none: boolean } {
    const kinds = kindsOf(filter);
    const none = kinds.length === 0;
    if (filter.ownerEmail !== undefined) {
      // The owner's index is forced (indexHint): kind and role are conditions on the owner's rows.
      const conditions = ['ownerEmail = ?', ...(filter.kind ? ['kind = ?'] : []), ...(filter.role ? ['role = ?'] : [])];
      return { index: 'IDX_vendor_actions_owner', conditions, parameters: [filter.ownerEmail, ...(filter.kind ? [filter.kind] : []), ...(filter.role ? [filter.role] : [])], byKindIndex: false, none };
    }
    if (filter.kind) return { index: 'IDX_vendor_actions_kind', conditions: ['kind = ?'], parameters: [filter.kind], byKindIndex: true, none };
    if (filter.role) return { index: 'IDX_vendor_actions_role', conditions: ['role = ?'], parameters: [filter.role], byKindIndex: false, none };
    return { index: 'IDX_vendor_actions_order', conditions: [], parameters: [], byKindIndex: false, none };
  }

  /** The page's vendors as the rule needs them: their stored flags, owner, tier, contracts in force today and open audit. */
  private async actionVendors(vendorIds: string[], today: string): Promise<ActionVendor[]> {
    if (vendorIds.length === 0) return [];
    const [vendors, flags, contracts, openAudits] = await Promise.all([
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true, riskTier: true, ownerEmail: true }, where: { id: In(vendorIds) } }),
      this.dataSource.getRepository(VendorFlag).find({ where: { vendorId: In(vendorIds) }, order: { vendorId: 'ASC', position: 'ASC' } }),
      this.dataSource.getRepository(Contract).find({ select: { id: true, vendorId: true, title: true, status: true, effectiveFrom: true, expiresOn: true, autoRenew: true }, where: { vendorId: In(vendorIds) } }).then((rows) => rows.sort((a, b) => compareText(dateOf(a.effectiveFrom)!, dateOf(b.effectiveFrom)!) || compareText(a.id, b.id))),
      this.openAuditsOf(vendorIds),
    ]);
    return vendors.map((vendor) => ({
      id: vendor.id,
      name: vendor.name,
      riskTier: vendor.riskTier,
      ownerEmail: vendor.ownerEmail ? vendor.ownerEmail.toLowerCase() : null,
      contractsInForce: contracts
        .filter((contract) => contract.vendorId === vendor.id && isInForce({ ...contract, effectiveFrom: dateOf(contract.effectiveFrom)!, expiresOn: dateOf(contract.expiresOn) }, today))
        .map((contract) => ({ id: contract.id, title: contract.title })),
      openAuditId: openAudits.get(vendor.id) ?? null,
      flags: flags.filter((flag) => flag.vendorId === vendor.id).map(ruleFlagOf),
    }));
  }

  /** Another date than today: every vendor (or the owner's, the tier's) evaluated on it, at the moment the engine judges incident clocks. */
  private async evaluatedPage(asOf: string, filter: ActionFilter, query: ActionQuery): Promise<{ items: Action[]; total: number }> {
    const vendorIds = await this.vendorsToEvaluate(filter);
    const settings = await this.settings.supervision();
    const moment = this.compliance.incidentMoment(asOf);
    const vendors: ActionVendor[] = [];
    // A slice of vendors at a time (the IN lists stay short on both engines); undefined: every vendor at once.
    const slices = vendorIds === undefined ? [undefined] : Array.from({ length: Math.ceil(vendorIds.length / CHUNK) }, (_, index) => vendorIds.slice(index * CHUNK, (index + 1) * CHUNK));
    for (const slice of slices) {
      const facts = await loadComplianceFacts(this.dataSource.manager, asOf, slice);
      const ids = facts.vendors.map((vendor) => vendor.id);
      const [owners, openAudits] = await Promise.all([this.ownersOf(ids), this.openAuditsOf(ids)]);
      for (const { vendor, evaluation } of evaluateFacts(facts, asOf, this.catalogue.rules(), settings, moment)) {
        if (evaluation.flags.length === 0) continue;
        vendors.push({
          id: vendor.id,
          name: vendor.name,
          riskTier: vendor.riskTier,
          ownerEmail: owners.get(vendor.id) ?? null,
          contractsInForce: (facts.contractsByVendor.get(vendor.id) ?? []).map((contract) => ({ id: contract.id, title: contract.title })),
          openAuditId: openAudits.get(vendor.id) ?? null,
          flags: evaluation.flags,
        });
      }
    }
    const all = actionsOf(vendors, asOf).filter((action) => matchesFilter(action, filter));
    const start = (query.page - 1) * query.pageSize;
    return { items: all.slice(start, start + query.pageSize), total: all.length };
  }

  /** Every vendor (undefined) or those passing owner and tier. */
  private async vendorsToEvaluate(filter: ActionFilter): Promise<string[] | undefined> {
    if (filter.ownerEmail === undefined && !filter.riskTier) return undefined;
    const query = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor').select('vendor.id', 'id');
    if (filter.ownerEmail !== undefined) query.andWhere('vendor.ownerEmail = :owner', { owner: filter.ownerEmail });
    if (filter.riskTier) query.andWhere('vendor.riskTier = :tier', { tier: filter.riskTier });
    return (await query.getRawMany<{ id: string }>()).map((row) => row.id);
  }

  private async ownersOf(vendorIds: string[]): Promise<Map<string, string>> {
    if (vendorIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Vendor).find({ select: { id: true, ownerEmail: true }, where: { id: In(vendorIds) } });
    return new Map(rows.filter((row) => row.ownerEmail).map((row) => [row.id, row.ownerEmail!.toLowerCase()]));
  }

  /** Each vendor's next planned or in-progress audit: the one that carries out the audit due. */
  private async openAuditsOf(vendorIds: string[]): Promise<Map<string, string>> {
    if (vendorIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Audit).find({
      select: { id: true, vendorId: true, scheduledFor: true },
      where: { vendorId: In(vendorIds), status: In(['planned', 'in-progress']) },
    });
    // The page's vendors' open audits are few: ordered here (the database would sort them in a temporary b-tree).
    rows.sort((a, b) => compareText(dateOf(a.scheduledFor)!, dateOf(b.scheduledFor)!) || compareText(a.id, b.id));
    const result = new Map<string, string>();
    for (const row of rows) if (!result.has(row.vendorId)) result.set(row.vendorId, row.id);
    return result;
  }
}

/** One stored action as a walk reads it. */
interface StoredKey {
  vendorId: string;
  kind: ActionKind;
  groupRef: string;
  tierRank: number;
  dueKey: string;
}

/** The kinds a filter's kind and role leave. */
function kindsOf(filter: ActionFilter): ActionKind[] {
  return ACTION_KINDS.filter((kind) => (!filter.kind || kind === filter.kind) && (!filter.role || responsibleRoleOf(kind) === filter.role));
}

/** Code-point order, as the stored actions' index orders dates. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function keyOf(vendorId: string, kind: string, groupRef: string): string {
  return `${vendorId}|${kind}|${groupRef}`;
}

/** A date column as YYYY-MM-DD (MariaDB's driver may hand back a Date). */
function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
