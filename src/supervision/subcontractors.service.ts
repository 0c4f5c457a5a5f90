import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { deemedAuthorised } from '../rules/supervision';
import { Vendor } from '../vendors/vendor.entity';
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
          approvedOn: approved ? (input.approvedOn ?? today) : null, approvedBy: input.approvedBy ?? null, deemedApproval: false, objectedOn: null, objectionReason: null,
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
    // approvedOn / approvedBy approve (api.md): with no status they mean `approved`, with another status they contradict it.
    const approving = input.approvedOn !== undefined || input.approvedBy !== undefined;
    if (approving && input.status && input.status !== 'approved') throw new ValidationError({ field: 'approvedOn', code: 'approval-fields-with-other-status' });
    const status = input.status ?? (approving ? 'approved' : undefined);
    if (status === 'approved' && current.status === 'approved' && approving) {
      // Correcting a recorded approval: a person's approval now, no longer a deemed one.
      if (input.approvedOn) changes.approvedOn = input.approvedOn;
      if (input.approvedBy) changes.approvedBy = input.approvedBy;
      changes.deemedApproval = false;
    }
    if (status && status !== current.status) {
      // One state machine for the API and the pages (pending → approved | objected; approved or objected → withdrawn).
      if (!canMove('subcontractor', current.status, status)) throw new InvalidMoveError('subcontractor', current.status, status);
      changes.status = status;
      if (status === 'approved') {
        changes.approvedOn = input.approvedOn ?? today;
        changes.approvedBy = input.approvedBy ?? actor.email;
        changes.deemedApproval = false;
      } else if (status === 'objected') {
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

  /**
   * The daily job (legal-model.md §5): a pending subcontractor of an objection-period vendor whose
   * objection deadline has passed with no objection is deemed authorised (GDPR Art. 28(2)), recorded
   * as approved the day after the deadline by "no objection by <deadline>", audited as the system's
   * change. Never for My Number data (番号法 Art. 10: explicit permission only). Returns how many.
   */
  async deemExpiredObjectionPeriods(asOf = this.clock.today()): Promise<number> {
    const rows = await this.dataSource
      .getRepository(Subcontractor)
      .createQueryBuilder('s')
      .innerJoin(Vendor, 'v', 'v.id = s.vendorId')
      .select(['s.id AS id', 's.version AS version', 's.status AS status', 's.objectionDeadline AS objectionDeadline', 'v.subcontractorApproval AS subcontractorApproval', 'v.dataCategories AS dataCategories'])
      .where("s.status = 'pending' AND s.objectionDeadline < :asOf AND v.subcontractorApproval = 'objection-period'", { asOf })
      .getRawMany<{ id: string; version: number; status: 'pending'; objectionDeadline: string | Date; subcontractorApproval: 'objection-period'; dataCategories: string | string[] }>();
    let deemed = 0;
    for (const row of rows) {
      const objectionDeadline = row.objectionDeadline instanceof Date ? row.objectionDeadline.toISOString().slice(0, 10) : String(row.objectionDeadline).slice(0, 10);
      const dataCategories = typeof row.dataCategories === 'string' ? (JSON.parse(row.dataCategories) as string[]) : row.dataCategories;
      if (!deemedAuthorised({ subcontractorApproval: row.subcontractorApproval, dataCategories }, { status: row.status, objectionDeadline }, asOf)) continue;
      try {
        await runInTransaction(this.dataSource, (manager) =>
          updateAtVersion(manager, Subcontractor, 'subcontractor', row.id, Number(row.version), {
            status: 'approved', approvedOn: addDays(objectionDeadline, 1), approvedBy: `no objection by ${objectionDeadline}`, deemedApproval: true,
          }, this.clock.now()),
        );
        deemed += 1;
      } catch (error) {
        // Someone changed it meanwhile (approved, objected): their decision stands.
        if (!(error instanceof VersionConflictError)) throw error;
      }
    }
    return deemed;
  }

  private async parentOf(vendorId: string, parentId: string): Promise<Subcontractor> {
    const parent = await this.dataSource.getRepository(Subcontractor).findOneBy({ id: parentId });
    if (!parent || parent.vendorId !== vendorId) throw new ValidationError({ field: 'parentId', code: 'not-subcontractor-of-vendor', params: { id: parentId } });
    return parent;
  }
}
