import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError } from '../common/domain-errors';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { recordCreated } from '../audit-log/audit-trail';
import { runInTransaction } from '../database/transactions';
import { addDays } from '../rules/calendar';
import { canMove } from '../rules/lifecycles';
import { depthsOf, makesCycle } from '../rules/subcontractor-chain';
import { SettingsService } from '../settings/settings.service';
import { CreateSubcontractorDto, UpdateSubcontractorDto } from './dto/supervision.dto';
import { Subcontractor } from './supervision.entities';
import { recordView } from './supervision-support';
import { VendorsService } from '../vendors/vendors.service';

@Injectable()
export class SubcontractorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly vendors: VendorsService,
    private readonly clock: Clock,
  ) {}

  async list(vendorId: string) {
    await this.vendors.get(vendorId);
    const rows = await this.dataSource.getRepository(Subcontractor).find({ where: { vendorId }, order: { createdAt: 'ASC' } });
    const depths = depthsOf(rows);
    return rows.map((row) => ({ ...recordView(row), depth: depths.get(row.id) ?? 1 }));
  }

  /**
   * A vendor announces a new subcontractor: pending until approved or objected, with an objection
   * deadline (GDPR 28(2): a chance to object). One registered with its approval is approved.
   */
  async create(vendorId: string, input: CreateSubcontractorDto) {
    await this.vendors.get(vendorId);
    if (input.parentId) await this.parentOf(vendorId, input.parentId);
    const today = this.clock.today();
    const announcedOn = input.announcedOn ?? today;
    const { objectionDays } = await this.settings.supervision();
    // Registered with its approval (a date or an approver): approved; otherwise announced and pending.
    const approved = Boolean(input.approvedOn || input.approvedBy);
    const saved = await runInTransaction(this.dataSource, async (manager) => {
      const row = await manager.save(
        Object.assign(new Subcontractor(), {
          vendorId, parentId: input.parentId ?? null, name: input.name, country: input.country, services: input.services,
          status: approved ? 'approved' : 'pending', announcedOn,
          objectionDeadline: approved ? null : addDays(announcedOn, objectionDays),
          approvedOn: approved ? (input.approvedOn ?? today) : null, approvedBy: input.approvedBy ?? null, objectedOn: null, objectionReason: null,
        }),
      );
      await recordCreated(manager, 'subcontractor', row);
      return row;
    });
    return (await this.list(vendorId)).find((row) => row.id === saved.id)!;
  }

  async get(id: string): Promise<Subcontractor> {
    const row = await this.dataSource.getRepository(Subcontractor).findOneBy({ id });
    if (!row) throw new NotFoundError('subcontractor', id);
    return row;
  }

  async update(id: string, input: UpdateSubcontractorDto, actor: AuthenticatedUser) {
    const current = await this.get(id);
    const today = this.clock.today();
    const changes: Partial<Subcontractor> = {};
    for (const field of ['name', 'country', 'services'] as const) if (input[field] !== undefined) changes[field] = input[field];
    if (input.parentId !== undefined) {
      if (input.parentId !== null) {
        await this.parentOf(current.vendorId, input.parentId);
        const siblings = await this.dataSource.getRepository(Subcontractor).find({ where: { vendorId: current.vendorId }, select: { id: true, parentId: true } });
        if (makesCycle(siblings, id, input.parentId)) {
          throw new ConflictError({ field: 'parentId', code: 'cycle', params: { parent: input.parentId } });
        }
      }
      changes.parentId = input.parentId;
    }
    if (input.status && input.status !== current.status) {
      // One state machine for the API and the pages (pending → approved | objected → withdrawn).
      if (!canMove('subcontractor', current.status, input.status)) throw new InvalidMoveError('subcontractor', current.status, input.status);
      changes.status = input.status;
      if (input.status === 'approved') {
        changes.approvedOn = input.approvedOn ?? today;
        changes.approvedBy = input.approvedBy ?? actor.email;
      } else if (input.status === 'objected') {
        if (!input.objectionReason) throw new ValidationError({ field: 'objectionReason', code: 'objection-reason-required' });
        changes.objectedOn = today;
        changes.objectionReason = input.objectionReason;
      }
    }
    await runInTransaction(this.dataSource, async (manager) => {
      await updateAtVersion(manager, Subcontractor, 'subcontractor', id, input.version, changes, this.clock.now());
    });
    return (await this.list(current.vendorId)).find((row) => row.id === id)!;
  }

  private async parentOf(vendorId: string, parentId: string): Promise<Subcontractor> {
    const parent = await this.dataSource.getRepository(Subcontractor).findOneBy({ id: parentId });
    if (!parent || parent.vendorId !== vendorId) throw new ValidationError({ field: 'parentId', code: 'not-subcontractor-of-vendor', params: { id: parentId } });
    return parent;
  }
}
