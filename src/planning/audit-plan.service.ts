import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { recordCreated } from '../audit-log/audit-trail';
import { DomainError, NotFoundError, ValidationError } from '../common/domain-errors';
import { Problem, statusTerm } from '../common/problems';
import { Page, pageOf } from '../common/pagination';
import { runInTransaction } from '../database/transactions';
import { nextAuditDue } from '../rules/supervision';
import { RiskTier } from '../rules/vendor-facts';
import { SettingsService } from '../settings/settings.service';
import { recordView } from '../supervision/supervision-support';
import { Audit } from '../supervision/supervision.entities';
import { Vendor } from '../vendors/vendor.entity';
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

const NAME_ORDER = new Intl.Collator('ja');
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
    private readonly settings: SettingsService,
  ) {}

  async candidates(query: { from: string; to: string; page: number; pageSize: number }): Promise<Page<PlanCandidate>> {
    if (query.to < query.from) throw new ValidationError({ field: 'to', code: 'to-before-from' });
    const settings = await this.settings.supervision();
    // One raw query (no entity hydration: 10,000 vendors): each supervised vendor with its last completed
    // audit, through the (vendorId, status, completedOn) index; the due date is the rule's (nextAuditDue).
    const rows: Array<{ id: string; name: string; riskTier: RiskTier; ownerEmail: string | null; activeSince: string | Date | null; lastAuditOn: string | Date | null }> = await this.dataSource.query(
      "SELECT v.id, v.name, v.riskTier, v.ownerEmail, v.activeSince, (SELECT MAX(a.completedOn) FROM audits a WHERE a.vendorId = v.id AND a.status = 'completed') AS lastAuditOn FROM vendors v WHERE v.status IN ('active', 'offboarding')",
    );
    const due = rows.flatMap((row) => {
      const lastAuditOn = dateOf(row.lastAuditOn);
      const dueDate = nextAuditDue({ riskTier: row.riskTier, activeSince: dateOf(row.activeSince) }, lastAuditOn ? [lastAuditOn] : [], settings);
      return dueDate && dueDate >= query.from && dueDate <= query.to ? [{ row, lastAuditOn, dueDate }] : [];
    });
    const open = await this.openAudits(due.map(({ row }) => row.id));
    const all = due
      .map(({ row, lastAuditOn, dueDate }): PlanCandidate => ({
        vendorId: row.id, vendorName: row.name, riskTier: row.riskTier, ownerEmail: row.ownerEmail, lastAuditOn, dueDate, openAudit: open.get(row.id) ?? null,
      }))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || NAME_ORDER.compare(a.vendorName, b.vendorName) || a.vendorId.localeCompare(b.vendorId));
    const start = (query.page - 1) * query.pageSize;
    return pageOf(all.slice(start, start + query.pageSize), all.length, query);
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

  /** Each vendor's earliest audit planned or in progress. */
  private async openAudits(vendorIds: string[], manager = this.dataSource.manager): Promise<Map<string, { id: string; scheduledFor: string }>> {
    const rows = await this.inChunks(vendorIds, (ids) =>
      manager.find(Audit, { where: { vendorId: In(ids), status: In(['planned', 'in-progress']) }, select: { id: true, vendorId: true, scheduledFor: true }, order: { scheduledFor: 'ASC', id: 'ASC' } }),
    );
    const result = new Map<string, { id: string; scheduledFor: string }>();
    for (const row of rows) {
      const known = result.get(row.vendorId);
      if (!known || row.scheduledFor < known.scheduledFor) result.set(row.vendorId, { id: row.id, scheduledFor: row.scheduledFor });
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

/** A date column as the driver returns it (a string on SQLite, a Date on MariaDB): YYYY-MM-DD. */
function dateOf(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}
