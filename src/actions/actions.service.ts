import { judgedAt } from '../rules/incident-obligations';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { Page, pageOf } from '../common/pagination';
import { loadComplianceFacts } from '../compliance/compliance-facts';
import { evaluateFacts } from '../compliance/evaluate-facts';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import {
  ACTION_RULES,
  actionCounts,
  ActionFilter,
  ActionKind,
  actionRuleOf,
  actionsOf,
  ActionVendor,
  matchesFilter,
  ResponsibleRole,
  vendorKindsWithSeveralCodes,
} from '../rules/actions';
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

/**
 * The action list (rules/actions.ts) over the compliance engine's evaluation: the vendors with
 * something to do are found through today's stored flags (indexed), then evaluated on `asOf` so
 * each action names its record; any other date evaluates every vendor.
 */
@Injectable()
export class ActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly settings: SettingsService,
    private readonly translator: Translator,
    private readonly clock: Clock,
  ) {}

  async list(query: ActionQuery, locale: Locale): Promise<Page<ActionView>> {
    const asOf = query.asOf ?? this.clock.today();
    const filter: ActionFilter = {
      ...(query.ownerEmail !== undefined ? { ownerEmail: query.ownerEmail.toLowerCase() } : {}),
      ...(query.role ? { role: query.role } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.riskTier ? { riskTier: query.riskTier } : {}),
    };
    const vendorIds = await this.vendorsToEvaluate(asOf, filter);
    const settings = await this.settings.supervision();
    // Incident deadlines are judged at the hour, as the compliance engine judges them.
    const moment = { at: judgedAt(asOf, this.clock.now(), this.clock.timeZone), timeZone: this.clock.timeZone };
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
    return pageOf(all.slice(start, start + query.pageSize).map((action) => renderAction(action, locale, this.translator)), all.length, query);
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
   * Today: the vendors with a stored flag that can make an action passing the filter (owner and tier
   * in SQL, kind through its codes). Another date: every vendor (undefined) or those passing owner and tier.
   */
  private async vendorsToEvaluate(asOf: string, filter: ActionFilter): Promise<string[] | undefined> {
    const query = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor').select('vendor.id', 'id');
    if (filter.ownerEmail !== undefined) query.andWhere('vendor.ownerEmail = :owner', { owner: filter.ownerEmail });
    if (filter.riskTier) query.andWhere('vendor.riskTier = :tier', { tier: filter.riskTier });
    if (asOf === this.clock.today()) {
      const known = Object.keys(ACTION_RULES);
      const conditions = ['flag.vendorId = vendor.id', 'flag.severity <> :advisory'];
      const parameters: Record<string, unknown> = { advisory: ADVISORY };
      if (filter.kind === 'resolve-flag') {
        conditions.push('flag.code NOT IN (:...known)');
        parameters.known = known;
      } else if (filter.kind) {
        conditions.push('flag.code IN (:...codes)');
        parameters.codes = known.filter((code) => actionRuleOf(code).kind === filter.kind);
      }
      // A scalar probe per vendor through the (code, vendorId) and vendorId indexes (as the vendor list's flag filter).
      query.andWhere(`(SELECT 1 FROM vendor_flags flag WHERE ${conditions.join(' AND ')} LIMIT 1) IS NOT NULL`, parameters);
    } else if (filter.ownerEmail === undefined && !filter.riskTier) {
      return undefined;
    }
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
