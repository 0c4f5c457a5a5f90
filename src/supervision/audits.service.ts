import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError } from '../common/domain-errors';
import { statusTerm } from '../common/problems';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { pageOf } from '../common/pagination';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { canMove } from '../rules/lifecycles';
import { AuditListQuery, CreateAuditDto, CreateFindingDto, FindingListQuery, UpdateAuditDto, UpdateFindingDto } from './dto/supervision.dto';
import { Audit, Finding } from './supervision.entities';
import { recordView } from './supervision-support';
import { auditTotal, findingsBySeverity, findingTotal } from './record-counts';
import { VendorsService } from '../vendors/vendors.service';
import { definedFields } from '../common/objects';

@Injectable()
export class AuditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly vendors: VendorsService,
    private readonly clock: Clock,
  ) {}

  async list(query: AuditListQuery) {
    const builder = this.dataSource.getRepository(Audit).createQueryBuilder('audit');
    if (query.vendorId) builder.andWhere('audit.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.status) builder.andWhere('audit.status = :status', { status: query.status });
    if (query.from) builder.andWhere('audit.scheduledFor >= :from', { from: query.from });
    if (query.to) builder.andWhere('audit.scheduledFor <= :to', { to: query.to });
    builder.orderBy('audit.scheduledFor', 'ASC').addOrderBy('audit.id', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize);
    // All audits or those of a status: the total from audit_counts (kept with every write); a vendor's
    // or a period's (narrow) counted over its index.
    const counted = query.vendorId || query.from || query.to;
    const [rows, total] = counted ? await builder.getManyAndCount() : await Promise.all([builder.getMany(), auditTotal(this.dataSource.manager, query.status)]);
    return pageOf(rows.map((row) => recordView(row)), total, query);
  }

  async create(vendorId: string, input: CreateAuditDto) {
    await this.vendors.get(vendorId);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new Audit(), {
          vendorId, kind: input.kind, scheduledFor: input.scheduledFor, auditorEmail: input.auditorEmail ?? null,
          status: 'planned', completedOn: null, result: null, summary: null,
        }),
      );
      await recordCreated(manager, 'audit', row);
      return row;
    });
    return recordView(saved);
  }

  async get(id: string) {
    return recordView(await this.audit(id));
  }

  async update(id: string, input: UpdateAuditDto) {
    const { version, ...fields } = input;
    const current = await this.audit(id);
    const next = { ...current, ...definedFields(fields) } as Audit;
    if (fields.status && !canMove('audit', current.status, fields.status)) throw new InvalidMoveError('audit', current.status, fields.status);
    const today = this.clock.today();
    if (next.status === 'completed') {
      next.completedOn ??= today;
      if (next.completedOn > today) throw new ValidationError({ field: 'completedOn', code: 'completed-in-future', params: { today } });
      // A completed audit resets the next due date (PPC GL 3-4-4(3)): it must say what it found.
      if (!next.result) throw new ValidationError({ field: 'result', code: 'result-required' });
    } else if (fields.completedOn || fields.result) {
      throw new ValidationError({ field: fields.completedOn ? 'completedOn' : 'result', code: 'only-when-completed' });
    }
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Audit, 'audit', id, version, {
        status: next.status, scheduledFor: next.scheduledFor, auditorEmail: next.auditorEmail, completedOn: next.completedOn, result: next.result, summary: next.summary,
      }, this.clock.now());
    });
    return this.get(id);
  }

  async findingsOf(auditId: string) {
    await this.audit(auditId);
    const rows = await this.dataSource.getRepository(Finding).find({ where: { auditId }, order: { dueOn: 'ASC', createdAt: 'ASC' } });
    return rows.map((row) => recordView(row));
  }

  async listFindings(query: FindingListQuery) {
    const builder = this.dataSource.getRepository(Finding).createQueryBuilder('finding');
    if (query.vendorId) builder.andWhere('finding.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.status) builder.andWhere('finding.status = :status', { status: query.status });
    if (query.severity) builder.andWhere('finding.severity = :severity', { severity: query.severity });
    builder.orderBy('finding.dueOn', 'ASC').addOrderBy('finding.id', 'ASC').skip((query.page - 1) * query.pageSize).take(query.pageSize);
    // By status, severity or both: the total from finding_counts (kept with every write); a vendor's counted over its index.
    const [rows, total] = query.vendorId
      ? await builder.getManyAndCount()
      : await Promise.all([builder.getMany(), findingTotal(this.dataSource.manager, { status: query.status, severity: query.severity })]);
    return pageOf(rows.map((row) => recordView(row)), total, query);
  }

  /** How many findings are open, by severity (the dashboard), from finding_counts. */
  async openFindingCounts(): Promise<Map<string, number>> {
    return findingsBySeverity(this.dataSource.manager, 'open');
  }

  async createFinding(auditId: string, input: CreateFindingDto) {
    const audit = await this.audit(auditId);
    if (audit.status === 'cancelled') throw new ConflictError({ field: 'auditId', code: 'audit-cancelled' }, 'invalid-state');
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new Finding(), {
          auditId, vendorId: audit.vendorId, title: input.title, severity: input.severity, clauseType: input.clauseType ?? null,
          dueOn: input.dueOn, ownerEmail: input.ownerEmail ?? null, status: 'open', resolutionNote: null, closedOn: null,
          description: input.description ?? null, correctiveActionPlan: input.correctiveActionPlan ?? null, closedBy: null, closedAt: null,
        }),
      );
      await recordCreated(manager, 'finding', row);
      return row;
    });
    return recordView(saved);
  }

  async getFinding(id: string) {
    const row = await this.dataSource.getRepository(Finding).findOneBy({ id });
    if (!row) throw new NotFoundError('finding', id);
    return recordView(row);
  }

  async updateFinding(id: string, input: UpdateFindingDto, actor: { email: string }) {
    const current = await this.dataSource.getRepository(Finding).findOneBy({ id });
    if (!current) throw new NotFoundError('finding', id);
    const status = input.status ?? current.status;
    if (!canMove('finding', current.status, status)) throw new InvalidMoveError('finding', current.status, status);
    const closing = status !== 'open' && current.status === 'open';
    if (closing && !input.resolutionNote) throw new ValidationError({ field: 'resolutionNote', code: 'resolution-note-required', params: { status: statusTerm('finding', status) } });
    const today = this.clock.today();
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Finding, 'finding', id, input.version, {
        status,
        resolutionNote: input.resolutionNote ?? current.resolutionNote,
        closedOn: status === 'open' ? null : closing ? today : current.closedOn,
        // Who closed it and when (shown beside the closing note); reopening clears both.
        closedBy: status === 'open' ? null : closing ? actor.email : current.closedBy,
        closedAt: status === 'open' ? null : closing ? this.clock.now() : current.closedAt,
        description: input.description === undefined ? current.description : input.description,
        correctiveActionPlan: input.correctiveActionPlan === undefined ? current.correctiveActionPlan : input.correctiveActionPlan,
        dueOn: input.dueOn ?? current.dueOn,
        ownerEmail: input.ownerEmail ?? current.ownerEmail,
      }, this.clock.now());
    });
    return recordView(await this.dataSource.getRepository(Finding).findOneByOrFail({ id }));
  }

  private async audit(id: string): Promise<Audit> {
    const audit = await this.dataSource.getRepository(Audit).findOneBy({ id });
    if (!audit) throw new NotFoundError('audit', id);
    return audit;
  }
}
