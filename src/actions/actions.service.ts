import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { loadComplianceFacts } from '../compliance/compliance-facts';
import { ComplianceService } from '../compliance/compliance.service';
import { evaluateFacts } from '../compliance/evaluate-facts';
import { ruleFlagOf } from '../compliance/stored-flags';
import { VendorFlag } from '../compliance/vendor-flag.entity';
import { Contract } from '../contracts/contract.entity';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import {
  Action,
  ACTION_KINDS,
  ACTION_RULES,
  ACTION_SEVERITIES,
  actionCounts,
  ActionFilter,
  ActionKind,
  actionsOf,
  ActionVendor,
  matchesFilter,
  ResponsibleRole,
  responsibleRoleOf,
  vendorActions,
  vendorKindsWithSeveralCodes,
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
/** Flags that ask for no action (legal-model.md §2: an advisory flag never changes the status). */
const ADVISORY = 'info';
const KNOWN_CODES = Object.keys(ACTION_RULES);
/** Flags whose params carry a notice deadline the action keeps to (rules/actions.ts, dueDateOf). */
const NOTICE_CODES = ['contract-expiring'];

/** One action as the database groups it: its key (vendor, kind, record or unknown code) and what orders it. */
interface ActionKey {
  vendorId: string;
  kind: ActionKind;
  groupRef: string;
}

/**
 * The action list (rules/actions.ts). Today's list reads the stored flags (vendor_flags, kept current
 * by the compliance engine): the actions are grouped, filtered, ordered and paged in the database, and
 * only the page's vendors are read back and turned into actions by the rule, so a request costs the
 * same few queries whatever the register's size. Another date evaluates the vendors on that date.
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

  /** How many actions today pass the filter (the work queues' "open items" of an owner): one count over the stored flags. */
  async countToday(filter: ActionFilter): Promise<number> {
    return this.countGroups(this.groupedActions(filter, false));
  }

  private async countGroups(grouped: { sql: string; parameters: unknown[] }): Promise<number> {
    const [row] = (await this.dataSource.query(`SELECT COUNT(*) AS total FROM (${grouped.sql}) grouped`, grouped.parameters)) as Array<{ total: string | number }>;
    return Number(row.total);
  }

  /**
   * How many actions of each kind there are today, from the stored flags (their indexes): equal to
   * the list's totals by kind while the stored flags are today's (the engine keeps them so).
   */
  async countsByKind(): Promise<Record<ActionKind, number>> {
    const several = vendorKindsWithSeveralCodes();
    // Two scans of the stored flags: per code, and (one conditional count per kind) the vendors of the kinds over several codes.
    const distinct = several.map(({ codes }, index) => `COUNT(DISTINCT CASE WHEN code IN (${codes.map(() => '?').join(', ')}) THEN vendorId END) AS k${index}`);
    const [byCode, [vendorCounts]] = await Promise.all([
      this.dataSource.query('SELECT code, COUNT(*) AS flags, COUNT(DISTINCT vendorId) AS vendors FROM vendor_flags WHERE severity <> ? GROUP BY code', [ADVISORY]) as Promise<Array<{ code: string; flags: string | number; vendors: string | number }>>,
      this.dataSource.query(`SELECT ${distinct.join(', ')} FROM vendor_flags WHERE severity <> ?`, [...several.flatMap(({ codes }) => codes), ADVISORY]) as Promise<Array<Record<string, string | number>>>,
    ]);
    return actionCounts({
      byCode: byCode.map((row) => ({ code: row.code, flags: Number(row.flags), vendors: Number(row.vendors) })),
      vendorsByKind: Object.fromEntries(several.map(({ kind }, index) => [kind, Number(vendorCounts[`k${index}`])])),
    });
  }

  /**
   * Today's page from the stored flags: the page's action keys and the total from the database (the
   * grouping follows ACTION_RULES: per vendor, per record, or per unknown code), then the page's
   * vendors' stored flags through the rule (vendorActions), in the database's order.
   */
  private async storedPage(today: string, filter: ActionFilter, query: ActionQuery): Promise<{ items: Action[]; total: number }> {
    const grouped = this.groupedActions(filter);
    const counted = this.groupedActions(filter, false);
    const literal = (value: string) => `'${value}'`;
    const kindRank = `CASE grouped.kind ${ACTION_KINDS.map((kind, index) => `WHEN ${literal(kind)} THEN ${index}`).join(' ')} END`;
    // Most days overdue first is the earliest due date before today; every other action ties there.
    // The total comes with the page (a window over the same grouping: one scan of the stored flags); past the last page, counted alone.
    const ordered = `SELECT grouped.vendorId AS vendorId, grouped.kind AS kind, grouped.groupRef AS groupRef, COUNT(*) OVER () AS total
      FROM (${grouped.sql}) grouped JOIN vendors v ON v.id = grouped.vendorId
      ORDER BY grouped.severityRank ASC, CASE WHEN grouped.dueDate IS NOT NULL AND grouped.dueDate < ? THEN grouped.dueDate ELSE ? END ASC,
        CASE v.riskTier WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END ASC, COALESCE(grouped.dueDate, '9999-12-31') ASC,
        v.name ASC, grouped.vendorId ASC, ${kindRank} ASC, grouped.groupRef ASC
      LIMIT ${Number(query.pageSize)} OFFSET ${(query.page - 1) * query.pageSize}`;
    const keys = (await this.dataSource.query(ordered, [...grouped.parameters, today, today])) as Array<ActionKey & { total: string | number }>;
    const total = keys.length > 0 ? Number(keys[0].total) : await this.countGroups(counted);
    const vendors = await this.actionVendors([...new Set(keys.map((key) => key.vendorId))], today);
    const byKey = new Map<string, Action>();
    for (const vendor of vendors) for (const action of vendorActions(vendor, today)) byKey.set(keyOf(action.vendorId, action.kind, action.kind === 'resolve-flag' ? action.flagCodes[0] : (action.refId ?? '')), action);
    return { items: keys.flatMap((key) => byKey.get(keyOf(key.vendorId, key.kind, key.groupRef)) ?? []), total };
  }

  /**
   * The actions as groups of stored flags, in SQL: kind and group from ACTION_RULES (a CASE over the
   * codes), severity the most serious, due date the earliest (a renewal's notice deadline before its
   * expiry, as rules/actions.ts keeps to), with what the list orders by. Advisory flags ask for nothing.
   */
  private groupedActions(filter: ActionFilter, withOrder = true): { sql: string; parameters: unknown[] } {
    const parameters: unknown[] = [];
    const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
    const kindOf = `CASE f.code ${KNOWN_CODES.map((code) => `WHEN ${literal(code)} THEN ${literal(ACTION_RULES[code].kind)}`).join(' ')} ELSE 'resolve-flag' END`;
    const refCodes = KNOWN_CODES.filter((code) => ACTION_RULES[code].per === 'ref');
    const groupRef = `CASE WHEN f.code IN (${refCodes.map(literal).join(', ')}) THEN COALESCE(f.refId, '') WHEN f.code IN (${KNOWN_CODES.map(literal).join(', ')}) THEN '' ELSE f.code END`;
    const noticeBy = this.dataSource.options.type === 'better-sqlite3' ? "json_extract(f.params, '$.noticeBy')" : "JSON_VALUE(f.params, '$.noticeBy')";
    // Only a renewal's flag carries a notice deadline (rules/flags.ts, contract-expiring): the JSON is read for those rows alone.
    const due = `CASE WHEN f.code IN (${NOTICE_CODES.map(literal).join(', ')}) THEN COALESCE(NULLIF(${noticeBy}, ''), f.dueDate) ELSE f.dueDate END`;
    const conditions = [`f.severity IN (${ACTION_SEVERITIES.map(literal).join(', ')})`];
    const vendorConditions: string[] = [];
    if (filter.ownerEmail !== undefined) {
      vendorConditions.push('ownerEmail = ?');
      parameters.push(filter.ownerEmail);
    }
    if (filter.riskTier) {
      vendorConditions.push('riskTier = ?');
      parameters.push(filter.riskTier);
    }
    if (vendorConditions.length > 0) conditions.push(`f.vendorId IN (SELECT id FROM vendors WHERE ${vendorConditions.join(' AND ')})`);
    const kinds = ACTION_KINDS.filter((kind) => (!filter.kind || kind === filter.kind) && (!filter.role || responsibleRoleOf(kind) === filter.role));
    if (kinds.length < ACTION_KINDS.length) {
      // By code, so the stored flags' (code, vendorId) index answers; unknown codes are resolve-flag.
      const codes = KNOWN_CODES.filter((code) => kinds.includes(ACTION_RULES[code].kind));
      const known = codes.length > 0 ? `f.code IN (${codes.map(literal).join(', ')})` : '1 = 0';
      conditions.push(kinds.includes('resolve-flag') ? `(${known} OR f.code NOT IN (${KNOWN_CODES.map(literal).join(', ')}))` : known);
    }
    // The flags alone are grouped (the vendor's name and tier join the groups afterwards, for the order).
    const measures = withOrder ? `, MIN(f.severityRank) AS severityRank, MIN(${due}) AS dueDate` : '';
    const sql = `SELECT f.vendorId AS vendorId, ${kindOf} AS kind, ${groupRef} AS groupRef${measures}
      FROM vendor_flags f
      WHERE ${conditions.join(' AND ')}
      GROUP BY f.vendorId, ${kindOf}, ${groupRef}`;
    return { sql, parameters };
  }

  /** The page's vendors as the rule needs them: their stored flags, owner, tier, contracts in force today and open audit. */
  private async actionVendors(vendorIds: string[], today: string): Promise<ActionVendor[]> {
    if (vendorIds.length === 0) return [];
    const [vendors, flags, contracts, openAudits] = await Promise.all([
      this.dataSource.getRepository(Vendor).find({ select: { id: true, name: true, riskTier: true, ownerEmail: true }, where: { id: In(vendorIds) } }),
      this.dataSource.getRepository(VendorFlag).find({ where: { vendorId: In(vendorIds) }, order: { vendorId: 'ASC', position: 'ASC' } }),
      this.dataSource.getRepository(Contract).find({ select: { id: true, vendorId: true, title: true, status: true, effectiveFrom: true, expiresOn: true, autoRenew: true }, where: { vendorId: In(vendorIds) }, order: { effectiveFrom: 'ASC', id: 'ASC' } }),
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
      order: { scheduledFor: 'ASC', id: 'ASC' },
    });
    const result = new Map<string, string>();
    for (const row of rows) if (!result.has(row.vendorId)) result.set(row.vendorId, row.id);
    return result;
  }
}

function keyOf(vendorId: string, kind: string, groupRef: string): string {
  return `${vendorId}|${kind}|${groupRef}`;
}

/** A date column as YYYY-MM-DD (MariaDB's driver may hand back a Date). */
function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
