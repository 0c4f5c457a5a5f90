import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { CatalogueService } from '../catalogue/catalogue.service';
import { Clock } from '../common/clock';
import { eventLoopTurns } from '../common/event-loop';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { updateAtVersion } from '../common/optimistic-update';
import { changesBetween, recordAudit, recordCreatedMany } from '../audit-log/audit-trail';
import { FieldChanges } from '../audit-log/audit-log-entry.entity';
import { runInTransaction, touchVendor } from '../database/transactions';
import { applicabilityFor } from '../rules/applicability';
import { addDays } from '../rules/calendar';
import { allowedContractMoves, canMoveContract } from '../rules/contract-lifecycle';
import { isInForce } from '../rules/contracts';
import { User } from '../users/user.entity';
import { Vendor } from '../vendors/vendor.entity';
import { ChecklistEvent, ChecklistItem, ContractChecklist } from './checklist.entity';
import { Contract } from './contract.entity';
import { ChecklistEventView, ChecklistView, ContractView, toContractView } from './contract.view';
import { CreateContractDto, UpdateChecklistItemDto, UpdateContractDto } from './dto/contract.dto';
import { definedFields } from '../common/objects';

/** Rows per multi-row INSERT (16 checklist items per contract stay well inside the bound-parameter limits). */
const INSERT_CHUNK = 100;
/** Checklist items per INSERT (3 bound parameters each). */
const ITEM_INSERT_CHUNK = 2000;
/** The fields of a change (UpdateContractDto without its version). */
export type ContractChanges = Omit<UpdateContractDto, 'version'>;

@Injectable()
export class ContractsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ContractsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
  ) {}

  /**
   * Every contract has an item for every clause type (the compliance engine relies on it). A clause
   * type added to the catalogue by an upgrade gets a not-reviewed item on every existing contract.
   */
  async onApplicationBootstrap(): Promise<void> {
    const clauseTypeCount = this.catalogue.rules().clauseTypes.length;
    const incomplete: Array<{ id: string; vendorId: string }> = await this.dataSource
      .createQueryBuilder(Contract, 'contract')
      .leftJoin(ChecklistItem, 'item', 'item.contractId = contract.id')
      .select('contract.id', 'id')
      .addSelect('contract.vendorId', 'vendorId')
      .groupBy('contract.id')
      .addGroupBy('contract.vendorId')
      .having('COUNT(item.id) < :clauseTypeCount', { clauseTypeCount })
      .getRawMany();
    if (incomplete.length === 0) return;
    await runInTransaction(this.dataSource, async (manager) => {
      await this.addMissingItems(manager, incomplete.map((contract) => contract.id));
      for (const contract of incomplete) touchVendor(manager, contract.vendorId);
    });
    this.logger.log({ message: 'checklist items added for new clause types', contracts: incomplete.length });
  }

  async listForVendor(vendorId: string): Promise<ContractView[]> {
    await this.vendor(vendorId);
    const contracts = await this.dataSource.getRepository(Contract).find({ where: { vendorId }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
    return contracts.map((contract) => this.view(contract));
  }

  async get(id: string): Promise<ContractView> {
    return this.view(await this.contract(id));
  }

  /** Creates the contract with its checklist: one not-reviewed item per clause type. */
  async create(vendorId: string, input: CreateContractDto): Promise<ContractView> {
    await this.vendor(vendorId);
    const [saved] = await runInTransaction(this.dataSource, (manager) => this.createWith(manager, [{ vendorId, input }]));
    return this.view(saved);
  }

  /** A new contract with the API's defaults, not yet stored (throws ValidationError on its dates). */
  prepareCreate(vendorId: string, input: CreateContractDto): Contract {
    const contract = Object.assign(new Contract(), {
      vendorId,
      title: input.title,
      kind: input.kind,
      status: input.status ?? 'draft',
      signedOn: input.signedOn ?? null,
      effectiveFrom: input.effectiveFrom,
      expiresOn: input.expiresOn ?? null,
      autoRenew: input.autoRenew ?? false,
      noticeDays: input.noticeDays ?? null,
      governingLaw: input.governingLaw ?? null,
      documentRef: input.documentRef ?? null,
    });
    checkDates(contract);
    return contract;
  }

  /**
   * Creates contracts of existing vendors, each with its checklist, in the caller's transaction
   * (one from the API, thousands from an import).
   */
  async createWith(manager: EntityManager, inputs: Array<{ vendorId: string; input: CreateContractDto }>): Promise<Contract[]> {
    // A new record's version is 1 (set here: the INSERT below does not read anything back).
    const contracts: Contract[] = [];
    const turns = eventLoopTurns();
    for (const { vendorId, input } of inputs) {
      // Thousands from an import: the event loop turns between slices of the work.
      await turns.pause();
      contracts.push(Object.assign(this.prepareCreate(vendorId, input), { version: 1 }));
    }
    for (let start = 0; start < contracts.length; start += INSERT_CHUNK) {
      const chunk = contracts.slice(start, start + INSERT_CHUNK);
      await manager.createQueryBuilder().insert().into(Contract).values(chunk).updateEntity(false).execute();
      await manager.insert(ContractChecklist, chunk.map((row) => ({ contractId: row.id, version: 1, approvedById: null, approvedAt: null, updatedAt: this.clock.now() })));
      await this.addMissingItems(manager, chunk.map((row) => row.id));
    }
    await recordCreatedMany(manager, 'contract', contracts);
    for (const contract of contracts) touchVendor(manager, contract.vendorId);
    return contracts;
  }

  async update(id: string, input: UpdateContractDto): Promise<ContractView> {
    const { version, ...fields } = input;
    const current = await this.contract(id);
    const next = this.prepareUpdate(current, fields);
    await runInTransaction(this.dataSource, (manager) => this.saveUpdate(manager, next, version));
    return this.get(id);
  }

  /** The contract as it would be after the change (lifecycle, dates), not yet stored; throws the API's error. */
  prepareUpdate(current: Contract, fields: ContractChanges): Contract {
    const next = Object.assign(new Contract(), current, definedFields(fields));
    if (fields.status && !canMoveContract(current.status, fields.status)) {
      const allowed = allowedContractMoves(current.status);
      throw new ConflictError(
        [`status: a contract cannot move from ${current.status} to ${fields.status}` + (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)')],
        'invalid-transition',
      );
    }
    checkDates(next);
    return next;
  }

  /** Stores a prepared change at the version the caller read (409 if it moved), in the caller's transaction. */
  async saveUpdate(manager: EntityManager, next: Contract, version: number): Promise<void> {
    const { id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, vendor: _vendor, ...changes } = next;
    await updateAtVersion(manager, Contract, 'contract', id, version, changes, this.clock.now());
    touchVendor(manager, next.vendorId);
  }

  async checklist(contractId: string): Promise<ChecklistView> {
    const contract = await this.contract(contractId);
    const vendor = await this.vendor(contract.vendorId);
    const [checklist, items] = await Promise.all([
      this.dataSource.getRepository(ContractChecklist).findOneByOrFail({ contractId }),
      this.dataSource.getRepository(ChecklistItem).findBy({ contractId }),
    ]);
    const catalogue = this.catalogue.rules();
    const applicability = applicabilityFor(vendor, catalogue);
    const required = new Set(applicability.requiredClauseTypes.map((clauseType) => clauseType.code));
    const emails = await this.emailsOf([checklist.approvedById, ...items.map((item) => item.reviewedById)]);
    const byClause = new Map(items.map((item) => [item.clauseType, item]));
    return {
      contractId,
      vendorId: contract.vendorId,
      version: checklist.version,
      approvedBy: checklist.approvedById ? emails.get(checklist.approvedById) ?? null : null,
      approvedAt: checklist.approvedAt?.toISOString() ?? null,
      items: catalogue.clauseTypes.flatMap((clauseType) => {
        const item = byClause.get(clauseType.code);
        if (!item) return [];
        return [
          {
            clauseType: clauseType.code,
            titleJa: clauseType.titleJa,
            titleEn: clauseType.titleEn,
            required: required.has(clauseType.code),
            requiredBy: required.has(clauseType.code) ? applicability.citing(`clause:${clauseType.code}`) : [],
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
   * Several reviews of one checklist (the admin UI's "save") at the version the reviewer read: one
   * transaction and one version step, so either every row is saved or none is.
   */
  async updateItems(contractId: string, reviews: ChecklistReview[], version: number, actor: AuthenticatedUser): Promise<ChecklistView> {
    const contract = await this.contract(contractId);
    const unknown = reviews.find((review) => !this.catalogue.rules().clauseTypes.some((definition) => definition.code === review.clauseType));
    if (unknown) throw new NotFoundError('clause type', unknown.clauseType);
    if (reviews.length === 0) return this.checklist(contractId);
    await runInTransaction(this.dataSource, async (manager) => {
      const checklist = await this.bumpChecklist(manager, contractId, version, { approvedById: null, approvedAt: null });
      const items = new Map((await manager.findBy(ChecklistItem, { contractId })).map((item) => [item.clauseType, item]));
      const now = this.clock.now();
      const changes: FieldChanges = {};
      for (const review of reviews) {
        const item = items.get(review.clauseType)!;
        const after = { status: review.status, section: review.section === undefined ? item.section : review.section, note: review.note === undefined ? item.note : review.note };
        await manager.update(ChecklistItem, { id: item.id }, { ...after, reviewedById: actor.id, reviewedAt: now });
        await recordEvent(manager, { contractId, kind: 'item-reviewed', clauseType: review.clauseType, actorId: actor.id, at: now,
          details: { before: { status: item.status, section: item.section, note: item.note }, after } });
        for (const [field, change] of Object.entries(changesBetween({ status: item.status, section: item.section, note: item.note }, after))) {
          changes[`${review.clauseType}.${field}`] = change;
        }
      }
      if (checklist.approvedById) Object.assign(changes, changesBetween({ approvedById: checklist.approvedById, approvedAt: checklist.approvedAt }, { approvedById: null, approvedAt: null }));
      await recordAudit(manager, { action: 'update', entityType: 'checklist', entityId: contractId, changes });
      if (checklist.approvedById) {
        await recordEvent(manager, { contractId, kind: 'approval-cleared', clauseType: reviews.length === 1 ? reviews[0].clauseType : null, actorId: actor.id, at: now,
          details: { approvedById: checklist.approvedById, approvedAt: checklist.approvedAt?.toISOString() ?? null } });
      }
      touchVendor(manager, contract.vendorId);
    });
    return this.checklist(contractId);
  }

  /** Legal's sign-off: refused (409) while a clause type required for the vendor is not reviewed. */
  async approve(contractId: string, version: number, actor: AuthenticatedUser): Promise<ChecklistView> {
    const view = await this.checklist(contractId);
    if (view.version !== version) throw new VersionConflictError('checklist', contractId, version, view.version);
    const pending = view.items.filter((item) => item.required && item.status === 'not-reviewed').map((item) => item.clauseType);
    if (pending.length > 0) {
      throw new ConflictError([`items: required clause types not reviewed yet: ${pending.join(', ')}`], 'checklist-incomplete');
    }
    await runInTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const before = await this.bumpChecklist(manager, contractId, version, { approvedById: actor.id, approvedAt: now });
      await recordAudit(manager, {
        action: 'approve', entityType: 'checklist', entityId: contractId,
        changes: changesBetween({ approvedById: before.approvedById, approvedAt: before.approvedAt }, { approvedById: actor.id, approvedAt: now }),
      });
      await recordEvent(manager, { contractId, kind: 'approved', clauseType: null, actorId: actor.id, at: now, details: { version: version + 1 } });
    });
    return this.checklist(contractId);
  }

  /** The checklist's history, newest first: reviews, sign-offs, sign-offs cleared by a later change. */
  async history(contractId: string): Promise<ChecklistEventView[]> {
    await this.contract(contractId);
    const events = await this.dataSource.getRepository(ChecklistEvent).find({ where: { contractId }, order: { at: 'DESC', id: 'ASC' } });
    const emails = await this.emailsOf(events.map((event) => event.actorId));
    return events.map((event) => ({
      kind: event.kind,
      clauseType: event.clauseType,
      actor: emails.get(event.actorId) ?? event.actorId,
      at: event.at.toISOString(),
      details: event.details,
    }));
  }

  /** Every contract gets an item for every clause type, also for clause types the catalogue adds later. */
  async addMissingItems(manager: EntityManager, contractIds: string[]): Promise<void> {
    const existing = await manager.find(ChecklistItem, { where: { contractId: In(contractIds) }, select: { contractId: true, clauseType: true } });
    const have = new Set(existing.map((item) => `${item.contractId}/${item.clauseType}`));
    const rows = contractIds.flatMap((contractId) =>
      this.catalogue
        .rules()
        .clauseTypes.filter((clauseType) => !have.has(`${contractId}/${clauseType.code}`))
        .map((clauseType) => [randomUUID(), contractId, clauseType.code]),
    );
    // One plain multi-row INSERT (the same on both engines): an import adds tens of thousands of
    // items, and building them through the query builder costs more than writing them.
    for (let start = 0; start < rows.length; start += ITEM_INSERT_CHUNK) {
      const chunk = rows.slice(start, start + ITEM_INSERT_CHUNK);
      await manager.query(
        `INSERT INTO checklist_items (id, contractId, clauseType, status, section, note, reviewedById, reviewedAt) VALUES ${chunk.map(() => "(?, ?, ?, 'not-reviewed', NULL, NULL, NULL, NULL)").join(', ')}`,
        chunk.flat(),
      );
    }
  }

  /** The checklist's optimistic lock: the change happens only at the version the caller read. */
  private async bumpChecklist(
    manager: EntityManager,
    contractId: string,
    version: number,
    changes: Pick<ContractChecklist, 'approvedById' | 'approvedAt'>,
  ): Promise<ContractChecklist> {
    const before = await manager.findOneByOrFail(ContractChecklist, { contractId });
    const result = await manager
      .createQueryBuilder()
      .update(ContractChecklist)
      .set({ ...changes, version: () => 'version + 1', updatedAt: this.clock.now() })
      .where('contractId = :contractId AND version = :version', { contractId, version })
      .execute();
    if (result.affected !== 1) throw new VersionConflictError('checklist', contractId, version, before.version);
    return before;
  }

  private async emailsOf(ids: Array<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.dataSource.getRepository(User).find({ where: { id: In(wanted) }, select: { id: true, email: true } });
    return new Map(users.map((user) => [user.id, user.email]));
  }

  private view(contract: Contract): ContractView {
    const today = this.clock.today();
    const noticeDeadline = contract.expiresOn && contract.noticeDays !== null ? addDays(contract.expiresOn, -contract.noticeDays) : null;
    return toContractView(contract, isInForce(contract, today), noticeDeadline);
  }

  private async contract(id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id });
    if (!contract) throw new NotFoundError('contract', id);
    return contract;
  }

  private async vendor(id: string): Promise<Vendor> {
    const vendor = await this.dataSource.getRepository(Vendor).findOneBy({ id });
    if (!vendor) throw new NotFoundError('vendor', id);
    return vendor;
  }
}

async function recordEvent(manager: EntityManager, event: Omit<ChecklistEvent, 'id'>): Promise<void> {
  await manager.save(Object.assign(new ChecklistEvent(), event));
}

/** One row of legal's review: what the item now says. */
export type ChecklistReview = { clauseType: string } & Omit<UpdateChecklistItemDto, 'version'>;

function checkDates(contract: Pick<Contract, 'effectiveFrom' | 'expiresOn' | 'signedOn'>): void {
  if (contract.expiresOn && contract.expiresOn < contract.effectiveFrom) {
    throw new ValidationError([`expiresOn: must not be before effectiveFrom (${contract.effectiveFrom})`]);
  }
}
