import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { NotFoundError, ValidationError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { onBeforeCommit, runInTransaction } from '../database/transactions';
import { takeVendorChanges } from './changed-vendors';
import { Translator } from '../i18n/translator';
import { auditDates, SupervisionSettings } from '../rules/supervision';
import { applicabilityFor } from '../rules/applicability';
import { externalEnvironmentScope, HandlingVendor, RegimeReview } from '../rules/external-environment';
import { Evaluation, FlagCode, RuleFlag, SEVERITIES, Severity } from '../rules/flags';
import { judgedAt } from '../rules/incident-obligations';
import { IncidentMoment } from '../rules/incident-flags';
import { ComplianceStatus, RiskTier, VendorStatus } from '../rules/vendor-facts';
import { auditQueueDue } from '../rules/work-queues';
import { Locale } from '../i18n/locale';
import { VendorDependents } from '../vendors/vendor-dependents';
import { Vendor } from '../vendors/vendor.entity';
import { IN_FORCE, loadComplianceFacts } from './compliance-facts';
import { HOME_COUNTRY } from '../rules/vendor-facts';
import { evaluateFacts } from './evaluate-facts';
import { SettingsService } from '../settings/settings.service';
import { FlagRenderer, FlagView } from './flag.view';
import { FlagCount, VendorFlag } from './vendor-flag.entity';
import { CountChanges, countStored, ruleFlagOf, sameStoredFlags, severityRank, storedFlagsOf, storedRowsOf } from './stored-flags';
import { insertRows } from '../database/row-writes';
import { indexHint } from '../database/index-hint';
import { CellChanges } from '../database/counters';
import { ActionCountChanges, auditDueCountsFingerprint, countedVendorsOf, openAuditsOf, sameStoredActions, storedActionRowsOf, storedActionsFingerprint, storedActionsOf } from './stored-actions';
import { recordFingerprint, storedFingerprint } from '../database/derived-fingerprints';
import { CountedVendor, DerivedFingerprint, VendorAction, VendorCount } from './vendor-action.entity';

export interface VendorComplianceView {
  vendorId: string;
  asOf: string;
  status: ComplianceStatus;
  riskTier: string;
  applicableRequirements: readonly string[];
  requiredClauseTypes: ReadonlyArray<{ code: string; requirementIds: string[] }>;
  /** When the next periodic audit is due (active and offboarding vendors), by risk tier and settings. */
  nextAuditDue: string | null;
  flags: FlagView[];
}

export interface FlagQuery {
  code?: FlagCode;
  severity?: Severity;
  vendorId?: string;
  asOf?: string;
  page: number;
  pageSize: number;
}

const CHUNK = 500;
/** Vendors recomputed together (the daily job commits after each such slice). */
const RECOMPUTE_SLICE = CHUNK * 4;
/** Every vendor's flags on another day than today are evaluated on request up to this many vendors (else 400). */
export const ASOF_ALL_VENDORS_LIMIT = 2_000;
/** The stored actions' name in derived_fingerprints. */
const STORED_ACTIONS = 'vendor_actions';
/** The audit queue's counts' name in derived_fingerprints. */
const AUDIT_DUE_COUNTS = 'audit_due_counts';

/**
 * The compliance engine: loads facts, runs the pure rules (src/rules/flags.ts), stores each vendor's
 * status and flags. Features never call it: a subscriber marks the vendor of every fact a transaction
 * writes (VendorChangesSubscriber) and the engine recomputes those vendors in that transaction, just
 * before it commits.
 */
@Injectable()
export class ComplianceService implements OnModuleInit {
  private renderer?: FlagRenderer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly settings: SettingsService,
    private readonly translator: Translator,
    private readonly clock: Clock,
    private readonly dependents: VendorDependents,
  ) {}

  /**
   * Just before a transaction that changed vendor facts commits, those vendors are recomputed in it;
   * the vendor list filters by flag through this engine's stored flags.
   */
  onModuleInit(): void {
    // The vendor list's flag filter: vendor_flags holds today's flags (indexed by code, vendor), and
    // flag_counts how many vendors have each code (the list's total when it is the only filter). A
    // scalar probe, not EXISTS: MariaDB turns EXISTS into a semi-join that materialises every flagged
    // vendor before the page (about 4× slower at 10,000 vendors); SQLite plans both alike.
    this.dependents.filtersList('flag', (code) => ({
      where: '(SELECT 1 FROM vendor_flags flag WHERE flag.vendorId = vendor.id AND flag.code = :flag LIMIT 1) IS NOT NULL',
      parameters: { flag: code },
      count: () => countStored(this.dataSource.manager, 'vendors', { code }),
    }));
    // The register's vendors by compliance status and tier, as stored with each vendor's status.
    this.dependents.countsVendors(async ({ complianceStatus, riskTier }) => {
      const cells = await this.dataSource.getRepository(VendorCount).findBy({ ...(complianceStatus ? { complianceStatus } : {}), ...(riskTier ? { riskTier } : {}) });
      return cells.reduce((sum, cell) => sum + Number(cell.vendors), 0);
    });
    // Foreign handling counts the subcontractors in use (legal-model.md §3.2; foreignHandlingCountries in
    // rules/vendor-facts.ts): the vendors of the subcontractors in those countries, read through the
    // subcontractors' (country, status, vendorId) index.
    this.dependents.filtersList('subcontractorCountry', (value) => {
      const inUse = `${'abroad' in value ? 'sub.country <> :subHome' : 'sub.country IN (:...subCountries)'} AND sub.status <> 'withdrawn'`;
      return {
        where: `vendor.id IN (SELECT sub.vendorId FROM subcontractors sub WHERE ${inUse})`,
        probe: `(SELECT 1 FROM subcontractors sub WHERE sub.vendorId = vendor.id AND ${inUse} LIMIT 1) IS NOT NULL`,
        ids: `SELECT sub.vendorId AS vendorId FROM subcontractors sub WHERE ${inUse}`,
        parameters: 'abroad' in value ? { subHome: HOME_COUNTRY } : { subCountries: value.countries },
      };
    });
    // Contracts on a day (IN_FORCE is isInForce of rules/contracts.ts in SQL); expiring as the
    // contract-expiring flag counts it: in force, no automatic renewal, an end date by `until`.
    // Probed by the vendor's key: SQLite's planner, without statistics, otherwise reads the (status, dates)
    // index, every signed contract of the register per vendor.
    this.dependents.filtersList('contract', ({ state, asOf, until }) => {
      const inForce = `SELECT 1 FROM contracts contract ${indexHint(this.dataSource, 'IDX_contracts_vendor')} WHERE contract.vendorId = vendor.id AND ${IN_FORCE}`;
      if (state === 'none') return { where: `(${inForce} LIMIT 1) IS NULL`, parameters: { asOf, renews: true } };
      if (state === 'in-force') return { where: `(${inForce} LIMIT 1) IS NOT NULL`, parameters: { asOf, renews: true } };
      return { where: `(${inForce} AND contract.autoRenew = :noRenewal AND contract.expiresOn <= :until LIMIT 1) IS NOT NULL`, parameters: { asOf, renews: true, noRenewal: false, until } };
    });
    onBeforeCommit(this.dataSource, async (manager) => {
      const changes = takeVendorChanges(manager);
      if (!changes) return;
      const vendorIds = changes.everyVendor ? (await manager.find(Vendor, { select: { id: true } })).map((vendor) => vendor.id) : changes.vendorIds;
      await this.recompute(manager, vendorIds);
    });
  }

  async forVendor(vendorId: string, asOf: string | undefined, locale: Locale): Promise<VendorComplianceView> {
    const date = asOf ?? this.clock.today();
    const settings = await this.settings.supervision();
    const [evaluated] = await this.evaluateFacts(this.dataSource.manager, date, [vendorId], settings);
    if (!evaluated) throw new NotFoundError('vendor', vendorId);
    const { vendor, evaluation, records } = evaluated;
    return {
      vendorId,
      asOf: date,
      status: evaluation.status,
      riskTier: vendor.riskTier,
      applicableRequirements: evaluation.applicableRequirementIds,
      requiredClauseTypes: evaluation.requiredClauseTypes,
      nextAuditDue: auditDates(vendor, records, settings).nextAuditDue,
      flags: evaluation.flags.map((flag) => this.flagRenderer().render(flag, vendorId, locale)),
    };
  }

  /**
   * Every flag of every vendor on `asOf`, paged. Today's (no asOf, or asOf today) are the stored ones,
   * paged in the database in one order (severity, vendor name, vendor id, the rules' order) with the
   * total from flag_counts: two queries whatever the register's size. Another day is evaluated on
   * request: one vendor's (vendorId) always, every vendor's only up to ASOF_ALL_VENDORS_LIMIT vendors.
   */
  async flags(query: FlagQuery, locale: Locale): Promise<Page<FlagView & { vendorName: string }>> {
    const today = this.clock.today();
    const asOf = query.asOf ?? today;
    if (asOf === today) return this.storedFlags(query, locale);
    if (!query.vendorId) await this.refuseLargeEvaluation();
    const evaluated = await this.evaluateFacts(this.dataSource.manager, asOf, query.vendorId ? [query.vendorId] : undefined);
    const all = evaluated
      .flatMap(({ vendor, evaluation }) => evaluation.flags.map((flag, position) => ({ vendor, flag, position })))
      .filter(({ flag }) => (!query.code || flag.code === query.code) && (!query.severity || flag.severity === query.severity))
      .sort(
        (a, b) =>
          severityRank(a.flag.severity) - severityRank(b.flag.severity) ||
          compareText(a.vendor.name, b.vendor.name) ||
          compareText(a.vendor.id, b.vendor.id) ||
          a.position - b.position,
      );
    const start = (query.page - 1) * query.pageSize;
    const items = all
      .slice(start, start + query.pageSize)
      .map(({ vendor, flag }) => ({ ...this.flagRenderer().render(flag, vendor.id, locale), vendorName: vendor.name }));
    return pageOf(items, all.length, query);
  }

  /** Today's flags from storage: one page through an index in the list's order, and the total from flag_counts. */
  private async storedFlags(query: FlagQuery, locale: Locale): Promise<Page<FlagView & { vendorName: string }>> {
    const render = (rows: VendorFlag[]) => rows.map((row) => ({ ...this.flagRenderer().render(ruleFlagOf(row), row.vendorId, locale), vendorName: row.vendorName }));
    if (query.vendorId) {
      // One vendor's flags are few: read by its key, filtered and paged here.
      const rows = (await this.dataSource.getRepository(VendorFlag).find({ where: { vendorId: query.vendorId }, order: { position: 'ASC' } }))
        .filter((row) => (!query.code || row.code === query.code) && (!query.severity || row.severity === query.severity))
        .sort((a, b) => a.severityRank - b.severityRank);
      const start = (query.page - 1) * query.pageSize;
      return pageOf(render(rows.slice(start, start + query.pageSize)), rows.length, query);
    }
    const where = { ...(query.code ? { code: query.code } : {}), ...(query.severity ? { severityRank: severityRank(query.severity) } : {}) };
    const repository = this.dataSource.getRepository(VendorFlag);
    // The page's keys first, from the index alone (it holds the key: vendorId, position), then those rows:
    // with the whole rows asked for a deep page, MariaDB sorts every stored flag instead of walking the
    // index past the OFFSET (page 100 of 100,000 vendors' flags took 14 s).
    const [keys, total] = await Promise.all([
      repository.find({ select: { vendorId: true, position: true }, where, order: { severityRank: 'ASC', vendorName: 'ASC', vendorId: 'ASC', position: 'ASC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
      countStored(this.dataSource.manager, 'flags', query),
    ]);
    const found = keys.length === 0 ? [] : await repository.find({ where: keys.map(({ vendorId, position }) => ({ vendorId, position })) });
    const byKey = new Map(found.map((row) => [`${row.vendorId}/${row.position}`, row]));
    const rows = keys.flatMap(({ vendorId, position }) => byKey.get(`${vendorId}/${position}`) ?? []);
    return pageOf(render(rows), total, query);
  }

  /**
   * Every vendor's flags on another day than today are computed on request, which costs time and
   * memory in proportion to the register: refused (400) above ASOF_ALL_VENDORS_LIMIT vendors. One
   * vendor's flags on any day (vendorId) and today's flags of all are never refused.
   */
  private async refuseLargeEvaluation(): Promise<void> {
    const beyond = await this.dataSource.getRepository(Vendor).find({ select: { id: true }, order: { id: 'ASC' }, skip: ASOF_ALL_VENDORS_LIMIT, take: 1 });
    if (beyond.length > 0) {
      throw new ValidationError({ field: 'asOf', code: 'as-of-too-many-vendors', params: { max: ASOF_ALL_VENDORS_LIMIT } });
    }
  }

  /**
   * Today's stored flags a page of vendors at a time (the admin UI's /flags): the vendors, by name,
   * that have a matching stored flag, then their matching flags. With a code, the stored flags' (code,
   * vendor name) index is read as far as the page; otherwise vendors are walked by name and each is
   * probed by its flags' key (most vendors of a register in use have a flag). No total is counted:
   * the page says only whether more follow.
   */
  async flagsByVendor(query: Omit<FlagQuery, 'asOf' | 'vendorId'>, locale: Locale): Promise<{ items: Array<{ vendorId: string; vendorName: string; flags: FlagView[] }>; page: number; pageSize: number; hasMore: boolean }> {
    const rank = query.severity ? severityRank(query.severity) : undefined;
    const where = { ...(query.code ? { code: query.code } : {}), ...(rank === undefined ? {} : { severityRank: rank }) };
    const offset = (query.page - 1) * query.pageSize;
    const vendorRows: Array<{ vendorId: string; vendorName: string }> = query.code
      ? await this.dataSource
          .getRepository(VendorFlag)
          .createQueryBuilder('flag')
          .select('flag.vendorName', 'vendorName')
          .addSelect('flag.vendorId', 'vendorId')
          .where(where)
          .groupBy('flag.vendorName')
          .addGroupBy('flag.vendorId')
          .orderBy('flag.vendorName', 'ASC')
          .addOrderBy('flag.vendorId', 'ASC')
          .offset(offset)
          .limit(query.pageSize + 1)
          .getRawMany()
      : await this.dataSource
          .getRepository(Vendor)
          .createQueryBuilder('vendor')
          .select('vendor.name', 'vendorName')
          .addSelect('vendor.id', 'vendorId')
          // A scalar subquery, not EXISTS: MariaDB turns EXISTS into a semi-join that first materialises
          // every flagged vendor; this form walks vendors in name order and stops after the page.
          // By severity, not its rank: the probe must go by the vendor's key, not by an index of every warning.
          .where(`(SELECT 1 FROM vendor_flags flag WHERE flag.vendorId = vendor.id${query.severity ? ' AND flag.severity = :severity' : ''} LIMIT 1) IS NOT NULL`, { severity: query.severity })
          .orderBy('vendor.name', 'ASC')
          .addOrderBy('vendor.id', 'ASC')
          .offset(offset)
          .limit(query.pageSize + 1)
          .getRawMany();
    const vendors = vendorRows.slice(0, query.pageSize);
    const flags = vendors.length === 0 ? [] : await this.dataSource.getRepository(VendorFlag).find({ where: { ...where, vendorId: In(vendors.map((vendor) => vendor.vendorId)) } });
    const items = vendors.map((vendor) => ({
      vendorId: vendor.vendorId,
      vendorName: vendor.vendorName,
      flags: flags
        .filter((flag) => flag.vendorId === vendor.vendorId)
        .sort((a, b) => a.severityRank - b.severityRank || a.position - b.position)
        .map((flag) => this.flagRenderer().render(ruleFlagOf(flag), vendor.vendorId, locale)),
    }));
    return { items, page: query.page, pageSize: query.pageSize, hasMore: vendorRows.length > query.pageSize };
  }

  /**
   * Today's stored flags counted by code (from flag_counts, kept in the same transaction as the flags),
   * each with the most serious severity it has today (a flag's severity follows what it cites): for
   * the dashboard.
   */
  async flagCounts(): Promise<{ byCode: Array<{ code: FlagCode; severity: Severity; count: number }> }> {
    const cells = await this.dataSource.getRepository(FlagCount).find();
    const byCode = new Map<string, { code: FlagCode; severity: Severity; count: number }>();
    for (const cell of cells) {
      if (Number(cell.flags) === 0) continue;
      const entry = byCode.get(cell.code) ?? { code: cell.code as FlagCode, severity: cell.severity as Severity, count: 0 };
      entry.count += Number(cell.flags);
      if (SEVERITIES.indexOf(cell.severity as Severity) < SEVERITIES.indexOf(entry.severity)) entry.severity = cell.severity as Severity;
      byCode.set(cell.code, entry);
    }
    return { byCode: [...byCode.values()] };
  }

  /** The nearest audit-overdue and audit-due-soon flags due by `until`, soonest first (stored today): one index range per code. */
  async auditsDueBy(until: string, limit: number): Promise<Array<{ vendorId: string; code: string; dueDate: string }>> {
    const perCode = await Promise.all(
      ['audit-overdue', 'audit-due-soon'].map((code) =>
        this.dataSource.getRepository(VendorFlag).find({
          select: { vendorId: true, code: true, dueDate: true },
          where: { code, dueDate: LessThanOrEqual(until) },
          order: { dueDate: 'ASC', vendorId: 'ASC' },
          take: limit,
        }),
      ),
    );
    return perCode
      .flat()
      .map((row) => ({ vendorId: row.vendorId, code: row.code, dueDate: String(row.dueDate).slice(0, 10) }))
      .sort((a, b) => compareText(a.dueDate, b.dueDate) || compareText(a.vendorId, b.vendorId))
      .slice(0, limit);
  }

  /**
   * 外的環境の把握 (通則GL 10-7) on `asOf`: each vendor's foreign countries as the flag rule scopes them
   * (externalEnvironmentScope), and every review of foreign regimes recorded by then, whichever vendor
   * it was recorded for.
   */
  async externalEnvironment(asOf: string): Promise<{ vendors: HandlingVendor[]; reviews: RegimeReview[] }> {
    const manager = this.dataSource.manager;
    const [facts, settings] = await Promise.all([loadComplianceFacts(manager, asOf), this.settings.supervision(manager)]);
    const catalogue = this.catalogue.rules();
    const vendors = facts.vendors.flatMap((vendor) => {
      const scope = externalEnvironmentScope(vendor, applicabilityFor(vendor, catalogue, settings.profile));
      return scope && scope.countries.length > 0 ? [{ id: vendor.id, name: vendor.name, countries: scope.countries }] : [];
    });
    const reviews = [...facts.supervisionByVendor.values()].flatMap((records) => records.externalEnvironmentReviews);
    return { vendors, reviews };
  }

  /** Evaluates every vendor on `asOf` (the benchmark's subject): the flags, without storing them. */
  async evaluateAll(asOf: string): Promise<Array<{ vendorId: string; evaluation: Evaluation }>> {
    return (await this.evaluateFacts(this.dataSource.manager, asOf)).map(({ vendor, evaluation }) => ({ vendorId: vendor.id, evaluation }));
  }

  /**
   * Whether stored flags are missing: a vendor whose stored status says it has flags has none stored
   * (after the migration that reshaped the table, which starts it empty). One probe per flagged vendor
   * at most, at start.
   */
  async storedFlagsMissing(): Promise<boolean> {
    const found = await this.dataSource
      .getRepository(Vendor)
      .createQueryBuilder('vendor')
      .select('vendor.id', 'id')
      .where("vendor.complianceStatus IN ('at-risk', 'non-compliant')")
      .andWhere('(SELECT 1 FROM vendor_flags flag WHERE flag.vendorId = vendor.id LIMIT 1) IS NULL')
      .limit(1)
      .getRawMany();
    return found.length > 0;
  }

  /**
   * Forgets the stored actions and their counts when they were derived by other rules than these (the
   * fingerprint recorded differs): the recompute before serving then writes them all anew, and counts
   * them from nothing. True when it did.
   */
  async forgetStaleActions(): Promise<boolean> {
    const stored = await this.dataSource.getRepository(DerivedFingerprint).findOneBy({ name: STORED_ACTIONS });
    if (!stored || stored.fingerprint === storedActionsFingerprint()) return false;
    await runInTransaction(this.dataSource, async (manager) => {
      for (const table of ['vendor_actions', 'action_counts', 'derived_fingerprints']) await manager.query(`DELETE FROM ${table}${table === 'derived_fingerprints' ? ' WHERE name = ?' : ''}`, table === 'derived_fingerprints' ? [STORED_ACTIONS] : []);
    });
    return true;
  }

  /**
   * Whether stored actions or counts are missing or may be another rule's: the rules that derive the
   * actions changed since they were stored (their fingerprint), or a vendor the engine has not counted
   * (after the migration that added them, which starts them empty). One probe per vendor at most, at start.
   */
  async storedActionsMissing(): Promise<boolean> {
    const stored = await this.dataSource.getRepository(DerivedFingerprint).findOneBy({ name: STORED_ACTIONS });
    if (stored?.fingerprint !== storedActionsFingerprint()) return true;
    const found = await this.dataSource
      .getRepository(Vendor)
      .createQueryBuilder('vendor')
      .select('vendor.id', 'id')
      .where('(SELECT 1 FROM counted_vendors counted WHERE counted.vendorId = vendor.id LIMIT 1) IS NULL')
      .limit(1)
      .getRawMany();
    return found.length > 0;
  }

  /**
   * Whether the audit queue's counts may be missing or another rule's: the fingerprint of the rule that
   * decides the day each vendor counts under (auditQueueDue) differs from the one recorded (none after
   * the migration that added audit_due_counts, which starts it empty). The recompute of every vendor
   * then moves each vendor from what counted_vendors says it counts under to what it counts under now.
   */
  async auditDueCountsMissing(): Promise<boolean> {
    return (await storedFingerprint(this.dataSource, AUDIT_DUE_COUNTS)) !== auditDueCountsFingerprint();
  }

  /**
   * Forgets the audit queue's counts when they were counted by another rule than this (or never): no
   * vendor counts under a day any more, and the recompute of every vendor before serving counts them
   * from nothing. True when it did.
   */
  async forgetStaleAuditDueCounts(): Promise<boolean> {
    if (!(await this.auditDueCountsMissing())) return false;
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.query('DELETE FROM audit_due_counts');
      await manager.query('UPDATE counted_vendors SET auditDueOn = NULL WHERE auditDueOn IS NOT NULL');
    });
    return true;
  }

  /** How many vendors there are of each compliance status and of each risk tier (the dashboard), from vendor_counts. */
  async vendorCounts(): Promise<{ byComplianceStatus: Map<string, number>; byRiskTier: Map<string, number> }> {
    const byComplianceStatus = new Map<string, number>();
    const byRiskTier = new Map<string, number>();
    for (const cell of await this.dataSource.getRepository(VendorCount).find()) {
      byComplianceStatus.set(cell.complianceStatus, (byComplianceStatus.get(cell.complianceStatus) ?? 0) + Number(cell.vendors));
      byRiskTier.set(cell.riskTier, (byRiskTier.get(cell.riskTier) ?? 0) + Number(cell.vendors));
    }
    return { byComplianceStatus, byRiskTier };
  }

  /**
   * Whether stored audit dates are missing: a supervised vendor with an activation day or an audit
   * has no due date stored (after the migration that added the column). One probe, at start.
   */
  async auditDatesMissing(): Promise<boolean> {
    const found = await this.dataSource
      .getRepository(Vendor)
      .createQueryBuilder('vendor')
      .select('vendor.id', 'id')
      .where("vendor.status IN ('active', 'offboarding') AND vendor.nextAuditDue IS NULL AND (vendor.activeSince IS NOT NULL OR vendor.lastAuditOn IS NOT NULL)")
      .limit(1)
      .getRawMany();
    return found.length > 0;
  }

  /** Recomputes and stores today's status and flags of every vendor (daily job, start-up). */
  async recomputeAll(): Promise<number> {
    const ids = (await this.dataSource.getRepository(Vendor).find({ select: { id: true } })).map((vendor) => vendor.id);
    for (let start = 0; start < ids.length; start += RECOMPUTE_SLICE) {
      await runInTransaction(this.dataSource, (manager) => this.recompute(manager, ids.slice(start, start + RECOMPUTE_SLICE)));
    }
    // Every vendor's actions and audit queue count are now this code's.
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.save(DerivedFingerprint, { name: STORED_ACTIONS, fingerprint: storedActionsFingerprint() });
      await recordFingerprint(manager, AUDIT_DUE_COUNTS, auditDueCountsFingerprint());
    });
    return ids.length;
  }

  /**
   * Stores today's status and flags of the vendors, in the caller's transaction. Only what changed is
   * written: a vendor whose stored flags and status already say what its evaluation says costs reads
   * only (the daily job over a register that mostly stays the same), and flag_counts moves with the
   * flags it counts.
   */
  async recompute(manager: EntityManager, vendorIds: string[]): Promise<void> {
    // A slice of vendors at a time: each vendor's flags, actions and counts are its own, and what a
    // slice holds (evaluations, stored and fresh rows: about 2 kB a vendor) is let go before the next
    // (an import that writes 20,000 vendors held them all until its commit).
    for (const slice of chunks([...new Set(vendorIds)], RECOMPUTE_SLICE)) await this.recomputeSlice(manager, slice);
  }

  private async recomputeSlice(manager: EntityManager, vendorIds: string[]): Promise<void> {
    if (vendorIds.length === 0) return;
    const asOf = this.clock.today();
    const storedState = new Map<string, string>();
    const owners = new Map<string, string | null>();
    const locking = manager.connection.options.type !== 'better-sqlite3';
    for (const chunk of chunks([...vendorIds].sort())) {
      // MySQL/MariaDB: two writers changing the same vendor (e.g. two of its contracts) take turns
      // here, and the second one (READ COMMITTED) then reads the first one's change: the stored status is never stale.
      const query = manager.createQueryBuilder(Vendor, 'vendor').select(['vendor.id', 'vendor.complianceStatus', 'vendor.lastAuditOn', 'vendor.nextAuditDue', 'vendor.ownerEmail']).where({ id: In(chunk) }).orderBy('vendor.id');
      for (const vendor of await (locking ? query.setLock('pessimistic_write') : query).getMany()) {
        storedState.set(vendor.id, stateKey(vendor));
        owners.set(vendor.id, vendor.ownerEmail);
      }
    }
    // In slices of vendors: evaluating thousands at once (an import) is seconds of CPU in one piece,
    // and the event loop must turn between slices (health probes, static files). On MySQL/MariaDB each
    // slice's facts are ten round trips to the server, which cost more than the evaluation under load
    // (the daily job at 100,000 vendors sent 4,000 of them): larger slices there, kept under 1,000 ids
    // (MariaDB's in_predicate_conversion_threshold: a longer IN list becomes a join with a temporary table).
    const evaluated = new Map<string, { name: string; riskTier: RiskTier; status: VendorStatus; evaluation: Evaluation; state: StoredState }>();
    const settings = await this.settings.supervision(manager);
    for (const slice of chunks(vendorIds, locking ? CHUNK : CHUNK / 2)) {
      for (const { vendor, evaluation, records } of await this.evaluateFacts(manager, asOf, slice, settings)) {
        // The audit dates are stored with the status (the list filters and sorts by them): the rule's, from the same facts.
        evaluated.set(vendor.id, { name: vendor.name, riskTier: vendor.riskTier, status: vendor.status, evaluation, state: { complianceStatus: evaluation.status, ...auditDates(vendor, records, settings) } });
      }
    }
    const [stored, storedActions, counted, openAudits] = [
      await storedFlagsOf(manager, vendorIds, CHUNK),
      await storedActionsOf(manager, vendorIds, CHUNK),
      await countedVendorsOf(manager, vendorIds, CHUNK),
      await openAuditsOf(manager, vendorIds, CHUNK),
    ];
    // The actions (rules/actions.ts over the same flags) and what each vendor counts as on the dashboard move with them.
    const replacedActions: string[] = [];
    const freshActions: VendorAction[] = [];
    const actionCounts = new ActionCountChanges();
    const vendorCounts = new CellChanges('vendor_counts', ['complianceStatus', 'riskTier'], 'vendors');
    // And the day it waits in the audit queue from (rules/work-queues.ts auditQueueDue), counted per day.
    const auditDueCounts = new CellChanges('audit_due_counts', ['dueOn'], 'vendors');
    const recounted: string[] = [];
    const countedRows: CountedVendor[] = [];
    const byState = new Map<string, { state: StoredState; ids: string[] }>();
    const replaced: string[] = [];
    const fresh: VendorFlag[] = [];
    const counts = new CountChanges();
    for (const vendorId of new Set(vendorIds)) {
      const found = evaluated.get(vendorId);
      // A vendor deleted in this transaction has no facts left: its flags go.
      const rows = found ? storedRowsOf({ id: vendorId, name: found.name }, found.evaluation.flags) : [];
      const before = stored.get(vendorId) ?? [];
      if (!sameStoredFlags(before, rows)) {
        replaced.push(vendorId);
        fresh.push(...rows);
        counts.replace(before, rows);
      }
      const actions = found ? storedActionRowsOf({ id: vendorId, name: found.name, riskTier: found.riskTier, ownerEmail: owners.get(vendorId) ?? null }, found.evaluation.flags, asOf) : [];
      const actionsBefore = storedActions.get(vendorId) ?? [];
      if (!sameStoredActions(actionsBefore, actions)) {
        replacedActions.push(vendorId);
        freshActions.push(...actions);
        actionCounts.replace(actionsBefore, actions);
      }
      const countedBefore = counted.get(vendorId);
      const auditDueOn = found ? auditQueueDue({ status: found.status, nextAuditDue: found.state.nextAuditDue, openAudit: openAudits.has(vendorId) }) : null;
      const countedNow = found ? Object.assign(new CountedVendor(), { vendorId, complianceStatus: found.state.complianceStatus, riskTier: found.riskTier, auditDueOn }) : undefined;
      const dueBefore = countedBefore?.auditDueOn == null ? null : dateText(countedBefore.auditDueOn);
      if (countedBefore?.complianceStatus !== countedNow?.complianceStatus || countedBefore?.riskTier !== countedNow?.riskTier || dueBefore !== (countedNow?.auditDueOn ?? null)) {
        recounted.push(vendorId);
        if (countedBefore) vendorCounts.add([countedBefore.complianceStatus, countedBefore.riskTier], -1);
        if (dueBefore !== null) auditDueCounts.add([dueBefore], -1);
        if (countedNow) {
          vendorCounts.add([countedNow.complianceStatus, countedNow.riskTier], 1);
          if (countedNow.auditDueOn !== null) auditDueCounts.add([countedNow.auditDueOn], 1);
          countedRows.push(countedNow);
        }
      }
      const key = found ? stateKey(found.state) : undefined;
      if (found && key && storedState.get(vendorId) !== key) {
        const group = byState.get(key);
        if (group) group.ids.push(vendorId);
        else byState.set(key, { state: found.state, ids: [vendorId] });
      }
    }
    await storeStates(manager, [...byState.values()]);
    for (const chunk of chunks(replaced)) await manager.delete(VendorFlag, { vendorId: In(chunk) });
    await insertRows(manager, VendorFlag, fresh, CHUNK / 2);
    await counts.apply(manager);
    for (const chunk of chunks(replacedActions)) await manager.delete(VendorAction, { vendorId: In(chunk) });
    await insertRows(manager, VendorAction, freshActions, CHUNK / 2);
    await actionCounts.apply(manager);
    for (const chunk of chunks(recounted)) await manager.delete(CountedVendor, { vendorId: In(chunk) });
    await insertRows(manager, CountedVendor, countedRows, CHUNK);
    await vendorCounts.apply(manager);
    await auditDueCounts.apply(manager);
  }

  /**
   * The moment incident deadlines are judged at for `asOf`, and the zone they are shown in: now for
   * today, the end of the day for another date (deadlines run by the hour: APPI rules Art. 8, 72 hours / 30 days).
   * Every evaluation of incident clocks takes its moment from here.
   */
  incidentMoment(asOf: string): IncidentMoment {
    return { at: judgedAt(asOf, this.clock.now(), this.clock.timeZone), timeZone: this.clock.timeZone };
  }

  /** Facts (a fixed number of queries) and settings in, every vendor's evaluation out. */
  private async evaluateFacts(manager: EntityManager, asOf: string, vendorIds?: string[], knownSettings?: SupervisionSettings) {
    const [facts, settings] = await Promise.all([loadComplianceFacts(manager, asOf, vendorIds), knownSettings ?? this.settings.supervision(manager)]);
    return evaluateFacts(facts, asOf, this.catalogue.rules(), settings, this.incidentMoment(asOf));
  }

  private flagRenderer(): FlagRenderer {
    this.renderer ??= new FlagRenderer(this.catalogue.rules(), this.translator);
    return this.renderer;
  }
}

/** What the engine stores on the vendor's own row: its status and its audit dates. */
interface StoredState {
  complianceStatus: ComplianceStatus;
  lastAuditOn: string | null;
  nextAuditDue: string | null;
}

/**
 * Writes the vendors' new stored states: one UPDATE per CHUNK vendors whatever their states (a CASE on
 * the id picks each one's), not one per distinct state: the audit dates differ from vendor to vendor,
 * so a recompute of 100,000 vendors sent 5,600 UPDATEs. Derived state: it must not bump the vendor's
 * version (that would turn edits into 409s), and it is no new fact about the vendor (no listeners: the
 * subscriber would mark it again).
 */
async function storeStates(manager: EntityManager, groups: Array<{ state: StoredState; ids: string[] }>): Promise<void> {
  const changed = groups.flatMap(({ state, ids }) => ids.map((id) => ({ id, state })));
  for (const chunk of chunks(changed)) {
    if (new Set(chunk.map(({ state }) => stateKey(state))).size === 1) {
      await manager.createQueryBuilder().update(Vendor).set({ ...chunk[0].state, version: () => 'version' }).where({ id: In(chunk.map(({ id }) => id)) }).callListeners(false).execute();
      continue;
    }
    const parameters: Record<string, string | null> = {};
    chunk.forEach(({ id, state }, index) => Object.assign(parameters, { [`v${index}`]: id, [`s${index}`]: state.complianceStatus, [`l${index}`]: state.lastAuditOn, [`n${index}`]: state.nextAuditDue }));
    const pick = (prefix: string) => () => `CASE id ${chunk.map((_, index) => `WHEN :v${index} THEN :${prefix}${index}`).join(' ')} END`;
    await manager
      .createQueryBuilder()
      .update(Vendor)
      .set({ complianceStatus: pick('s'), lastAuditOn: pick('l'), nextAuditDue: pick('n'), version: () => 'version' })
      .where('id IN (:...ids)', { ids: chunk.map(({ id }) => id) })
      .setParameters(parameters)
      .callListeners(false)
      .execute();
  }
}

/** One key per stored state (vendors in the same state are updated together). */
function stateKey(state: StoredState): string {
  return `${state.complianceStatus}/${dateText(state.lastAuditOn)}/${dateText(state.nextAuditDue)}`;
}

function dateText(value: string | Date | null): string {
  if (value === null) return '';
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** Code-point order, as the stored list's index orders ids and dates. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
