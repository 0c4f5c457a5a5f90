import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { FieldChanges } from '../audit-log/audit-log-entry.entity';
import { changesBetween, recordAudit } from '../audit-log/audit-trail';
import { CatalogueService } from '../catalogue/catalogue.service';
import { AuthenticatedUser } from '../common/authenticated-user';
import { Clock } from '../common/clock';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { term } from '../common/problems';
import { insertRows, updateRow } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { applicabilityFor } from '../rules/applicability';
import { ApprovalException, checkApproval } from '../rules/checklist-approval';
import { SettingsService } from '../settings/settings.service';
import { UsersService } from '../users/users.service';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsService } from '../vendors/vendors.service';
import { ChecklistEvent, ChecklistItem, ContractChecklist } from './checklist.entity';
import { Contract } from './contract.entity';
import { ChecklistEventView, ChecklistView } from './contract.view';
import { UpdateChecklistItemDto } from './dto/contract.dto';

/** Checklist items per INSERT (8 bound parameters each, well inside SQLite's and MySQL's limits). */
const ITEM_INSERT_CHUNK = 2000;

/** One row of legal's review: what the item now says. */
export type ChecklistReview = { clauseType: string } & Omit<UpdateChecklistItemDto, 'version'>;

/**
 * Legal's clause checklist of each contract: one item per clause type, reviewed row by row, saved
 * at the version the reviewer read, signed off, and its history.
 */
@Injectable()
export class ContractChecklistService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly vendors: VendorsService,
    private readonly users: UsersService,
    private readonly settings: SettingsService,
    private readonly dependents: VendorDependents,
    private readonly clock: Clock,
  ) {}

  async checklist(contractId: string): Promise<ChecklistView> {
    const contract = await this.contract(contractId);
    const vendor = await this.vendors.get(contract.vendorId);
    const [checklist, items, profile] = await Promise.all([
      this.dataSource.getRepository(ContractChecklist).findOneByOrFail({ contractId }),
      this.dataSource.getRepository(ChecklistItem).findBy({ contractId }),
      this.settings.profile(),
    ]);
    const catalogue = this.catalogue.rules();
    const subcontractorCountries = (await this.dependents.subcontractorCountries(this.dataSource.manager, [vendor.id])).get(vendor.id) ?? [];
    const applicability = applicabilityFor({ ...vendor, subcontractorCountries }, catalogue, profile);
    const required = new Map(applicability.requiredClauses.map((clause) => [clause.clauseType.code, clause]));
    const emails = await this.users.emailsOf([checklist.approvedById, ...items.map((item) => item.reviewedById)]);
    const byClause = new Map(items.map((item) => [item.clauseType, item]));
    return {
      contractId,
      vendorId: contract.vendorId,
      version: checklist.version,
      approvedBy: checklist.approvedById ? emails.get(checklist.approvedById) ?? null : null,
      approvedAt: checklist.approvedAt?.toISOString() ?? null,
      approvalExceptions: checklist.approvedById ? checklist.approvalExceptions ?? [] : [],
      items: catalogue.clauseTypes.flatMap((clauseType) => {
        const item = byClause.get(clauseType.code);
        if (!item) return [];
        return [
          {
            clauseType: clauseType.code,
            titleJa: clauseType.titleJa,
            titleEn: clauseType.titleEn,
            required: required.has(clauseType.code),
            requiredBy: required.get(clauseType.code)?.requirementIds ?? [],
            basis: required.get(clauseType.code)?.binding.basis ?? null,
            severity: required.get(clauseType.code)?.binding.severity ?? null,
            status: item.status,
            section: item.section,
            note: item.note,
            reviewedBy: item.reviewedById ? emails.get(item.reviewedById) ?? null : null,
            reviewedAt: item.reviewedAt?.toISOString() ?? null,
          },
        ];
      }),
    };
  }

  /**
   * Records legal's review of one clause type. Any change after sign-off clears the sign-off (the
   * contract needs re-review), and the history says so.
   */
  async updateItem(contractId: string, clauseType: string, input: UpdateChecklistItemDto, actor: AuthenticatedUser): Promise<ChecklistView> {
    const { version, ...review } = input;
    return this.updateItems(contractId, [{ clauseType, ...review }], version, actor);
  }

  /**
   * The checklist page's save: every row as the reviewer left it, at the version they read. A stale
   * version changes nothing (409); otherwise the rows that differ from what is stored are written
   * together (updateItems), so saving again after a reload applies the review.
   */
  async saveReviews(contractId: string, version: number, rows: ChecklistReview[], actor: AuthenticatedUser): Promise<ChecklistView> {
    const current = await this.checklist(contractId);
    if (version !== current.version) throw new VersionConflictError('checklist', contractId, version, current.version);
    const stored = new Map(current.items.map((item) => [item.clauseType, item]));
    const changed = rows.filter((row) => {
      const item = stored.get(row.clauseType);
      return !item || row.status !== item.status || (row.section ?? '') !== (item.section ?? '') || (row.note ?? '') !== (item.note ?? '');
    });
    return this.updateItems(contractId, changed, version, actor);
  }

  /**
   * Several reviews of one checklist at the version the reviewer read: one transaction and one
   * version step, so either every row is saved or none is.
   */
  async updateItems(contractId: string, reviews: ChecklistReview[], version: number, actor: AuthenticatedUser): Promise<ChecklistView> {
    await this.contract(contractId);
    const unknown = reviews.find((review) => !this.catalogue.rules().clauseTypes.some((definition) => definition.code === review.clauseType));
    if (unknown) throw new NotFoundError('clause-type', unknown.clauseType);
    if (reviews.length === 0) return this.checklist(contractId);
    await runInTransaction(this.dataSource, async (manager) => {
      const checklist = await this.bumpChecklist(manager, contractId, version, { approvedById: null, approvedAt: null, approvalExceptions: null });
      const items = new Map((await manager.findBy(ChecklistItem, { contractId })).map((item) => [item.clauseType, item]));
      const now = this.clock.now();
      const changes: FieldChanges = {};
      for (const review of reviews) {
        const item = items.get(review.clauseType)!;
        const after = { status: review.status, section: review.section === undefined ? item.section : review.section, note: review.note === undefined ? item.note : review.note };
        await updateRow(manager, ChecklistItem, item, { ...after, reviewedById: actor.id, reviewedAt: now }, 'id = :id', { id: item.id });
        await recordEvent(manager, { contractId, kind: 'item-reviewed', clauseType: review.clauseType, actorId: actor.id, at: now,
          details: { before: { status: item.status, section: item.section, note: item.note }, after } });
        for (const [field, change] of Object.entries(changesBetween({ status: item.status, section: item.section, note: item.note }, after))) {
          changes[`${review.clauseType}.${field}`] = change;
        }
      }
      if (checklist.approvedById) Object.assign(changes, changesBetween({ approvedById: checklist.approvedById, approvedAt: checklist.approvedAt, approvalExceptions: checklist.approvalExceptions }, { approvedById: null, approvedAt: null, approvalExceptions: null }));
      await recordAudit(manager, { action: 'update', entityType: 'checklist', entityId: contractId, changes });
      if (checklist.approvedById) {
        await recordEvent(manager, { contractId, kind: 'approval-cleared', clauseType: reviews.length === 1 ? reviews[0].clauseType : null, actorId: actor.id, at: now,
          details: { approvedById: checklist.approvedById, approvedAt: checklist.approvedAt?.toISOString() ?? null } });
      }
    });
    return this.checklist(contractId);
  }

  /**
   * Legal's sign-off: refused (409) while a clause type required for the vendor is not reviewed; a
   * required one reviewed as missing or partial needs an exception note (400 naming each item) and is
   * recorded with it: approved with exceptions (rules/checklist-approval.ts).
   */
  async approve(contractId: string, version: number, actor: AuthenticatedUser, exceptions: readonly ApprovalException[] = []): Promise<ChecklistView> {
    const view = await this.checklist(contractId);
    if (view.version !== version) throw new VersionConflictError('checklist', contractId, version, view.version);
    const check = checkApproval(view.items, exceptions);
    if (!check.ok && check.reason === 'not-reviewed') {
      // In English the codes (what API clients match on), in Japanese the clause types' titles.
      const pending = view.items.filter((item) => check.clauseTypes.includes(item.clauseType)).map((item) => ({ en: item.clauseType, ja: item.titleJa }));
      throw new ConflictError({ field: 'items', code: 'checklist-incomplete', params: { clauseTypes: pending } });
    }
    if (!check.ok) {
      const clause = (clauseType: string) => {
        const item = view.items.find((candidate) => candidate.clauseType === clauseType);
        return item ? { en: item.titleEn, ja: item.titleJa } : clauseType;
      };
      throw new ValidationError([
        ...check.missing.map((item) => ({ field: `exceptions.${item.clauseType}`, code: 'exception-note-required' as const, params: { clause: clause(item.clauseType), status: term(`ui.enum.reviewStatus.${item.status}`) } })),
        ...check.unexpected.map((clauseType) => ({ field: `exceptions.${clauseType}`, code: 'exception-not-needed' as const, params: { clause: clause(clauseType) } })),
      ]);
    }
    const recorded = check.exceptions.length > 0 ? check.exceptions : null;
    await runInTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const before = await this.bumpChecklist(manager, contractId, version, { approvedById: actor.id, approvedAt: now, approvalExceptions: recorded });
      await recordAudit(manager, {
        action: 'approve', entityType: 'checklist', entityId: contractId,
        changes: changesBetween(
          { approvedById: before.approvedById, approvedAt: before.approvedAt, approvalExceptions: before.approvalExceptions },
          { approvedById: actor.id, approvedAt: now, approvalExceptions: recorded },
        ),
      });
      await recordEvent(manager, { contractId, kind: 'approved', clauseType: null, actorId: actor.id, at: now, details: { version: version + 1, ...(recorded ? { exceptions: recorded } : {}) } });
    });
    return this.checklist(contractId);
  }

  /** The checklist's history, newest first: reviews, sign-offs, sign-offs cleared by a later change. */
  async history(contractId: string): Promise<ChecklistEventView[]> {
    await this.contract(contractId);
    const events = await this.dataSource.getRepository(ChecklistEvent).find({ where: { contractId }, order: { at: 'DESC', id: 'ASC' } });
    const emails = await this.users.emailsOf(events.map((event) => event.actorId));
    return events.map((event) => ({
      kind: event.kind,
      clauseType: event.clauseType,
      actor: emails.get(event.actorId) ?? event.actorId,
      at: event.at.toISOString(),
      details: event.details,
    }));
  }

  /** The empty checklists of new contracts (version 1, nothing reviewed), in the caller's transaction. */
  async createFor(manager: EntityManager, contractIds: string[]): Promise<void> {
    await insertRows(manager, ContractChecklist, contractIds.map((contractId) => ({ contractId, version: 1, approvedById: null, approvedAt: null, approvalExceptions: null, updatedAt: this.clock.now() })), ITEM_INSERT_CHUNK / 4);
    await this.addMissingItems(manager, contractIds);
  }

  /** Every contract gets an item for every clause type, also for clause types the catalogue adds later. */
  async addMissingItems(manager: EntityManager, contractIds: string[]): Promise<void> {
    const existing = await manager.find(ChecklistItem, { where: { contractId: In(contractIds) }, select: { contractId: true, clauseType: true } });
    const have = new Set(existing.map((item) => `${item.contractId}/${item.clauseType}`));
    const rows = contractIds.flatMap((contractId) =>
      this.catalogue
        .rules()
        .clauseTypes.filter((clauseType) => !have.has(`${contractId}/${clauseType.code}`))
        .map((clauseType) => ({ id: randomUUID(), contractId, clauseType: clauseType.code, status: 'not-reviewed' as const, section: null, note: null, reviewedById: null, reviewedAt: null })),
    );
    // An import adds tens of thousands of items: a few multi-row INSERTs.
    await insertRows(manager, ChecklistItem, rows, ITEM_INSERT_CHUNK);
  }

  /** The checklist's optimistic lock: the change happens only at the version the caller read. */
  private async bumpChecklist(
    manager: EntityManager,
    contractId: string,
    version: number,
    changes: Pick<ContractChecklist, 'approvedById' | 'approvedAt' | 'approvalExceptions'>,
  ): Promise<ContractChecklist> {
    const before = await manager.findOneByOrFail(ContractChecklist, { contractId });
    const result = await updateRow(manager, ContractChecklist, before, { ...changes, version: () => 'version + 1', updatedAt: this.clock.now() }, 'contractId = :contractId AND version = :version', {
      contractId,
      version,
    });
    if (result.affected !== 1) throw new VersionConflictError('checklist', contractId, version, before.version);
    return before;
  }

  private async contract(id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id });
    if (!contract) throw new NotFoundError('contract', id);
    return contract;
  }
}

async function recordEvent(manager: EntityManager, event: Omit<ChecklistEvent, 'id'>): Promise<void> {
  await manager.save(Object.assign(new ChecklistEvent(), event));
}
