import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { recordCreated } from '../audit-log/audit-trail';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-errors';
import { Problem, statusTerm } from '../common/problems';
import { Page, pageOf } from '../common/pagination';
import { runInTransaction } from '../database/transactions';
import { RiskTier } from '../rules/vendor-facts';
import { recordView } from '../supervision/supervision-support';
import { Audit } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
import { dateOf, rowsPerDay } from './calendar-days';
import { PlannedAuditDto } from './dto/audit-plan.dto';

export interface PlanCandidate {
  vendorId: string;
  vendorName: string;
  riskTier: RiskTier;
  ownerEmail: string | null;
  /** The last completed audit, or null when never audited (the interval then counts from activation). */
  lastAuditOn: string | null;
  /** When the next periodic audit is due (PPC GL 3-4-4(3); interval by risk tier). */
  dueDate: string;
  /** An audit already planned or in progress: the vendor needs no new one. */
  openAudit: { id: string; scheduledFor: string } | null;
}

const CANDIDATE_COLUMNS = ['id', 'name', 'riskTier', 'ownerEmail', 'lastAuditOn', 'nextAuditDue'] as const;
/** Vendors that hold our data: the only ones audits are planned for. */
const SUPERVISED: readonly string[] = ['active', 'offboarding'];

/**
 * The annual audit plan: every vendor whose periodic audit falls due in a period, and the planned
 * audits for many of them created in one transaction (all or none).
 */
@Injectable()
export class AuditPlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * The vendors whose stored next audit (`vendors.nextAuditDue`, written by the compliance engine with
   * the compliance status: the tier interval, or sooner after an incident — the date the vendor page
   * and the action list show) falls due between `from` and `to`: one page read by walking the
   * (nextAuditDue, name, id) index range, its total counted over the same range. A vendor already
   * overdue before `from` is not repeated in a later period: its date stays where it is (see `overdue`).
   */
  async candidates(query: { from: string; to: string; page: number; pageSize: number }): Promise<Page<PlanCandidate>> {
    if (query.to < query.from) throw new ValidationError({ field: 'to', code: 'to-before-from' });
    const [vendors, total] = await this.dueBetween(query.from, query.to)
      .orderBy('vendor.nextAuditDue', 'ASC').addOrderBy('vendor.name', 'ASC').addOrderBy('vendor.id', 'ASC')
      .offset((query.page - 1) * query.pageSize).limit(query.pageSize)
      .getManyAndCount();
    return pageOf(await this.withOpenAudits(vendors), total, query);
  }

  /**
   * A month of due dates for the calendar: per day, how many vendors fall due and the first `names`
   * of them (by name), read through the (nextAuditDue, name, id) index; bounded by the days.
   */
  async dueByDay(from: string, to: string, names: number): Promise<Map<string, { total: number; items: PlanCandidate[] }>> {
    const { days, ids } = await rowsPerDay(this.dataSource, { table: 'vendors', column: 'nextAuditDue', within: 'name, id' }, from, to, names);
    const result = new Map([...days].map(([day, total]) => [day, { total, items: [] as PlanCandidate[] }]));
    const vendors = ids.length === 0 ? [] : await this.dataSource.getRepository(Vendor).find({ where: { id: In(ids) }, select: [...CANDIDATE_COLUMNS] });
    const order = new Map(ids.map((id, index) => [id, index]));
    const candidates = (await this.withOpenAudits(vendors)).sort((a, b) => order.get(a.vendorId)! - order.get(b.vendorId)!);
    for (const candidate of candidates) result.get(candidate.dueDate)?.items.push(candidate);
    return result;
  }

  /**
   * A month of audits for the calendar (any status, by the day they are scheduled for): per day, how
   * many and the first `first` of them, read through the (scheduledFor, id) index; bounded by the days.
   */
  async auditsByDay(from: string, to: string, first: number): Promise<Map<string, { total: number; items: Audit[] }>> {
    const { days, ids } = await rowsPerDay(this.dataSource, { table: 'audits', column: 'scheduledFor', within: 'id' }, from, to, first);
    const result = new Map([...days].map(([day, total]) => [day, { total, items: [] as Audit[] }]));
    const audits = ids.length === 0 ? [] : await this.dataSource.getRepository(Audit).find({ where: { id: In(ids) }, select: { id: true, vendorId: true, status: true, kind: true, scheduledFor: true } });
    const order = new Map(ids.map((id, index) => [id, index]));
    for (const audit of audits.sort((a, b) => order.get(a.id)! - order.get(b.id)!)) result.get(audit.scheduledFor)?.items.push(audit);
    return result;
  }

  /**
   * Supervised vendors whose audit was due before `asOf` (overdue): counted up to `cap` (an index
   * range stopped there), with the earliest due date, so that the calendar and the plan link to them.
   */
  async overdue(asOf: string, cap: number): Promise<{ count: number; more: boolean; earliest: string | null }> {
    const [counted, earliest] = await Promise.all([
      this.dataSource.query('SELECT COUNT(*) AS n FROM (SELECT id FROM vendors WHERE nextAuditDue < ? LIMIT ?) AS bounded_overdue', [asOf, cap + 1]) as Promise<Array<{ n: string | number }>>,
      this.dataSource.query('SELECT MIN(nextAuditDue) AS earliest FROM vendors WHERE nextAuditDue < ?', [asOf]) as Promise<Array<{ earliest: string | Date | null }>>,
    ]);
    const count = Number(counted[0].n);
    return { count: Math.min(count, cap), more: count > cap, earliest: dateOf(earliest[0]?.earliest ?? null) };
  }

  /** Vendors whose stored next audit falls due in a period (only supervised vendors have one). */
  private dueBetween(from: string, to: string) {
    return this.dataSource.getRepository(Vendor).createQueryBuilder('vendor').select(CANDIDATE_COLUMNS.map((column) => `vendor.${column}`))
      .where('vendor.nextAuditDue BETWEEN :from AND :to', { from, to });
  }

  /** The candidates of these vendors, each with its audit planned or in progress (one query per 500). */
  private async withOpenAudits(vendors: Vendor[]): Promise<PlanCandidate[]> {
    const open = await this.openAudits(vendors.map((vendor) => vendor.id));
    return vendors.map((vendor) => ({
      vendorId: vendor.id, vendorName: vendor.name, riskTier: vendor.riskTier, ownerEmail: vendor.ownerEmail, lastAuditOn: vendor.lastAuditOn, dueDate: vendor.nextAuditDue!, openAudit: open.get(vendor.id) ?? null,
    }));
  }

  /**
   * Creates the planned audits in one transaction: a vendor listed twice (400), an unknown vendor (404),
   * a vendor that holds no data of ours or already has an audit planned or in progress (409) refuses
   * the whole plan, naming each entry (`audits.<n>.vendorId`); nothing is written then.
   */
  async plan(audits: readonly PlannedAuditDto[]) {
    const seen = new Map<string, number>();
    const duplicates = audits.flatMap((audit, index) => {
      const first = seen.get(audit.vendorId);
      seen.set(audit.vendorId, first ?? index);
      return first === undefined ? [] : [{ field: `audits.${index}.vendorId`, code: 'plan-vendor-repeated' as const, params: { first } }];
    });
    if (duplicates.length > 0) throw new ValidationError(duplicates);
    return runInTransaction(this.dataSource, async (manager) => {
      const vendorIds = audits.map((audit) => audit.vendorId);
      const vendors = new Map((await this.inChunks(vendorIds, (ids) => manager.find(Vendor, { where: { id: In(ids) }, select: { id: true, status: true } }))).map((vendor) => [vendor.id, vendor]));
      const unknown = vendorIds.find((id) => !vendors.has(id));
      if (unknown) throw new NotFoundError('vendor', unknown);
      const open = await this.openAudits(vendorIds, manager);
      const conflicts = audits.flatMap((audit, index) => {
        const problems: Problem[] = [];
        const status = vendors.get(audit.vendorId)!.status;
        if (!SUPERVISED.includes(status)) problems.push({ field: `audits.${index}.vendorId`, code: 'plan-vendor-not-supervised', params: { status: statusTerm('vendor', status) } });
        const existing = open.get(audit.vendorId);
        if (existing) problems.push({ field: `audits.${index}.vendorId`, code: 'plan-vendor-already-planned', params: { date: existing.scheduledFor } });
        return problems;
      });
      if (conflicts.length > 0) throw new DomainError(conflicts[0].code, conflicts);
      const created = [];
      for (const audit of audits) {
        const row = await manager.save(
          Object.assign(new Audit(), {
            vendorId: audit.vendorId, kind: audit.kind, scheduledFor: audit.scheduledFor, auditorEmail: audit.auditorEmail ?? null,
            status: 'planned', completedOn: null, result: null, summary: null,
          }),
        );
        await recordCreated(manager, 'audit', row, { plan: true });
        created.push(recordView(row));
      }
      return { created: created.length, items: created };
    });
  }

  /** Each vendor's earliest audit planned or in progress (chosen here: no sort in the database). */
  private async openAudits(vendorIds: string[], manager = this.dataSource.manager): Promise<Map<string, { id: string; scheduledFor: string }>> {
    const rows = await this.inChunks(vendorIds, (ids) =>
      manager.find(Audit, { where: { vendorId: In(ids), status: In(['planned', 'in-progress']) }, select: { id: true, vendorId: true, scheduledFor: true } }),
    );
    const result = new Map<string, { id: string; scheduledFor: string }>();
    for (const row of rows) {
      const known = result.get(row.vendorId);
      if (!known || row.scheduledFor < known.scheduledFor || (row.scheduledFor === known.scheduledFor && row.id < known.id)) result.set(row.vendorId, { id: row.id, scheduledFor: row.scheduledFor });
    }
    return result;
  }

  /** A query per 500 ids: IN lists stay short on both engines. */
  private async inChunks<T>(ids: string[], load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const rows: T[] = [];
    for (let start = 0; start < ids.length; start += 500) rows.push(...(await load(ids.slice(start, start + 500))));
    return rows;
  }
}
