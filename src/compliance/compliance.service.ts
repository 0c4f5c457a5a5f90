import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { NotFoundError } from '../common/domain-errors';
import { Page, pageOf } from '../common/pagination';
import { onBeforeCommit, runInTransaction } from '../database/transactions';
import { takeVendorChanges } from './changed-vendors';
import { Translator } from '../i18n/translator';
import { nextAuditDue, SupervisionSettings } from '../rules/supervision';
import { Evaluation, FlagCode, Severity } from '../rules/flags';
import { ComplianceStatus } from '../rules/vendor-facts';
import { Locale } from '../i18n/locale';
import { VendorDependents } from '../vendors/vendor-dependents';
import { Vendor } from '../vendors/vendor.entity';
import { loadComplianceFacts } from './compliance-facts';
import { evaluateFacts } from './evaluate-facts';
import { SettingsService } from '../settings/settings.service';
import { FlagRenderer, FlagView } from './flag.view';
import { VendorFlag } from './vendor-flag.entity';

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

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const CHUNK = 500;
const NAME_ORDER = new Intl.Collator('ja');

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
    // The vendor list's flag filter: vendor_flags holds today's flags (indexed by code, vendor). A
    // scalar probe, not EXISTS: MariaDB turns EXISTS into a semi-join that materialises every flagged
    // vendor before the page (about 4× slower at 10,000 vendors); SQLite plans both alike.
    this.dependents.filtersList('flag', (code) => ({
      where: '(SELECT 1 FROM vendor_flags flag WHERE flag.vendorId = vendor.id AND flag.code = :flag LIMIT 1) IS NOT NULL',
      parameters: { flag: code },
    }));
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
    const supervised = vendor.status === 'active' || vendor.status === 'offboarding';
    return {
      vendorId,
      asOf: date,
      status: evaluation.status,
      riskTier: vendor.riskTier,
      applicableRequirements: evaluation.applicableRequirementIds,
      requiredClauseTypes: evaluation.requiredClauseTypes,
      nextAuditDue: supervised ? nextAuditDue(vendor, records.completedAudits, settings) : null,
      flags: evaluation.flags.map((flag) => this.flagRenderer().render(flag, vendorId, locale)),
    };
  }

  /** Every flag of every vendor on `asOf`, computed on the fly from a fixed number of queries. */
  async flags(query: FlagQuery, locale: Locale): Promise<Page<FlagView & { vendorName: string }>> {
    const asOf = query.asOf ?? this.clock.today();
    const evaluated = await this.evaluateFacts(this.dataSource.manager, asOf, query.vendorId ? [query.vendorId] : undefined);
    const all = evaluated
      .flatMap(({ vendor, evaluation }) => evaluation.flags.map((flag) => ({ vendor, flag })))
      .filter(({ flag }) => (!query.code || flag.code === query.code) && (!query.severity || flag.severity === query.severity))
      .sort(
        (a, b) =>
          SEVERITY_ORDER[a.flag.severity] - SEVERITY_ORDER[b.flag.severity] ||
          NAME_ORDER.compare(a.vendor.name, b.vendor.name) ||
          a.vendor.id.localeCompare(b.vendor.id),
      );
    const start = (query.page - 1) * query.pageSize;
    const items = all
      .slice(start, start + query.pageSize)
      .map(({ vendor, flag }) => ({ ...this.flagRenderer().render(flag, vendor.id, locale), vendorName: vendor.name }));
    return pageOf(items, all.length, query);
  }

  /**
   * Today's flags a page of vendors at a time (the admin UI's /flags): the vendors, by name, that
   * have a matching flag in the stored table (probed per vendor through its indexes); only that page's vendors
   * are evaluated to render the messages. No total is counted: counting the distinct vendors of
   * 40,000 flags costs more than the page itself, so the page says only whether more follow.
   */
  async flagsByVendor(query: Omit<FlagQuery, 'asOf' | 'vendorId'>, locale: Locale): Promise<{ items: Array<{ vendorId: string; vendorName: string; flags: FlagView[] }>; page: number; pageSize: number; hasMore: boolean }> {
    const conditions = ['flag.vendorId = vendor.id', ...(query.code ? ['flag.code = :code'] : []), ...(query.severity ? ['flag.severity = :severity'] : [])];
    const rows = await this.dataSource
      .getRepository(Vendor)
      .createQueryBuilder('vendor')
      .select(['vendor.id', 'vendor.name'])
      // A scalar subquery, not EXISTS: MariaDB turns EXISTS into a semi-join that first materialises
      // every flagged vendor; this form walks vendors in name order and stops after the page.
      .where(`(SELECT 1 FROM vendor_flags flag WHERE ${conditions.join(' AND ')} LIMIT 1) IS NOT NULL`, { code: query.code, severity: query.severity })
      .orderBy('vendor.name', 'ASC')
      .addOrderBy('vendor.id', 'ASC')
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize + 1)
      .getMany();
    const vendors = rows.slice(0, query.pageSize);
    const evaluated = new Map((await this.evaluateFacts(this.dataSource.manager, this.clock.today(), vendors.map((vendor) => vendor.id))).map((row) => [row.vendor.id, row.evaluation]));
    const items = vendors.map((vendor) => ({
      vendorId: vendor.id,
      vendorName: vendor.name,
      flags: (evaluated.get(vendor.id)?.flags ?? [])
        .filter((flag) => (!query.code || flag.code === query.code) && (!query.severity || flag.severity === query.severity))
        .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
        .map((flag) => this.flagRenderer().render(flag, vendor.id, locale)),
    }));
    return { items, page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
  }

  /**
   * Today's stored flags counted by code (the (code, vendorId) index covers it), each with the most
   * serious severity it has today (a flag's severity follows what it cites): for the dashboard.
   */
  async flagCounts(): Promise<{ byCode: Array<{ code: FlagCode; severity: Severity; count: number }> }> {
    const rows = (await this.dataSource.query('SELECT code, severity, COUNT(*) AS count FROM vendor_flags GROUP BY code, severity')) as Array<{ code: FlagCode; severity: Severity; count: string }>;
    const byCode = new Map<FlagCode, { code: FlagCode; severity: Severity; count: number }>();
    for (const row of rows) {
      const entry = byCode.get(row.code) ?? { code: row.code, severity: row.severity, count: 0 };
      entry.count += Number(row.count);
      if (SEVERITY_ORDER[row.severity] < SEVERITY_ORDER[entry.severity]) entry.severity = row.severity;
      byCode.set(row.code, entry);
    }
    return { byCode: [...byCode.values()] };
  }

  /** The nearest audit-overdue and audit-due-soon flags due by `until`, soonest first (stored today). */
  async auditsDueBy(until: string, limit: number): Promise<Array<{ vendorId: string; code: string; dueDate: string }>> {
    const rows: Array<{ vendorId: string; code: string; dueDate: string }> = await this.dataSource.query(
      "SELECT vendorId, code, dueDate FROM vendor_flags WHERE code IN ('audit-overdue', 'audit-due-soon') AND dueDate <= ? ORDER BY dueDate ASC, vendorId ASC LIMIT " + Number(limit),
      [until],
    );
    return rows.map((row) => ({ ...row, dueDate: String(row.dueDate).slice(0, 10) }));
  }

  /** Evaluates every vendor on `asOf` (the benchmark's subject): the flags, without storing them. */
  async evaluateAll(asOf: string): Promise<Array<{ vendorId: string; evaluation: Evaluation }>> {
    return (await this.evaluateFacts(this.dataSource.manager, asOf)).map(({ vendor, evaluation }) => ({ vendorId: vendor.id, evaluation }));
  }

  /** Recomputes and stores today's status and flags of every vendor (daily job, start-up). */
  async recomputeAll(): Promise<number> {
    const ids = (await this.dataSource.getRepository(Vendor).find({ select: { id: true } })).map((vendor) => vendor.id);
    for (let start = 0; start < ids.length; start += CHUNK * 4) {
      await runInTransaction(this.dataSource, (manager) => this.recompute(manager, ids.slice(start, start + CHUNK * 4)));
    }
    return ids.length;
  }

  /** Stores today's status and flags of the vendors, in the caller's transaction. */
  async recompute(manager: EntityManager, vendorIds: string[]): Promise<void> {
    if (vendorIds.length === 0) return;
    const asOf = this.clock.today();
    if (manager.connection.options.type !== 'better-sqlite3') {
      // Two writers changing the same vendor (e.g. two of its contracts) take turns here, and the
      // second one (READ COMMITTED) then reads the first one's change: the stored status is never stale.
      for (const chunk of chunks([...vendorIds].sort())) {
        await manager.createQueryBuilder(Vendor, 'vendor').select('vendor.id').where({ id: In(chunk) }).orderBy('vendor.id').setLock('pessimistic_write').getMany();
      }
    }
    // In slices of vendors: evaluating thousands at once (an import) is seconds of CPU in one piece,
    // and the event loop must turn between slices (health probes, static files).
    const evaluated: Awaited<ReturnType<ComplianceService['evaluateFacts']>> = [];
    const settings = await this.settings.supervision(manager);
    for (const slice of chunks(vendorIds, CHUNK / 2)) evaluated.push(...(await this.evaluateFacts(manager, asOf, slice, settings)));
    const byStatus = new Map<ComplianceStatus, string[]>();
    const rows: VendorFlag[] = [];
    for (const { vendor, evaluation } of evaluated) {
      const group = byStatus.get(evaluation.status);
      if (group) group.push(vendor.id);
      else byStatus.set(evaluation.status, [vendor.id]);
      for (const flag of evaluation.flags) {
        rows.push(Object.assign(new VendorFlag(), { vendorId: vendor.id, code: flag.code, severity: flag.severity, clauseType: flag.clauseType ?? null, dueDate: flag.dueDate ?? null, asOf }));
      }
    }
    for (const [status, ids] of byStatus) {
      for (const chunk of chunks(ids)) {
        // Derived state: it must not bump the vendor's version (that would turn edits into 409s), and
        // it is no new fact about the vendor (no listeners: the subscriber would mark it again).
        await manager.createQueryBuilder().update(Vendor).set({ complianceStatus: status, version: () => 'version' }).where({ id: In(chunk) }).callListeners(false).execute();
      }
    }
    // Every given vendor's flags go, also those of a vendor deleted in this transaction (it has no facts left).
    for (const chunk of chunks(vendorIds)) await manager.delete(VendorFlag, { vendorId: In(chunk) });
    for (const chunk of chunks(rows)) await manager.insert(VendorFlag, chunk);
  }

  /** Facts (a fixed number of queries) and settings in, every vendor's evaluation out. */
  private async evaluateFacts(manager: EntityManager, asOf: string, vendorIds?: string[], knownSettings?: SupervisionSettings) {
    const [facts, settings] = await Promise.all([loadComplianceFacts(manager, asOf, vendorIds), knownSettings ?? this.settings.supervision(manager)]);
    return evaluateFacts(facts, asOf, this.catalogue.rules(), settings);
  }

  private flagRenderer(): FlagRenderer {
    this.renderer ??= new FlagRenderer(this.catalogue.rules(), this.translator);
    return this.renderer;
  }
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
