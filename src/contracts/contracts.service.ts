import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { recordCreatedMany } from '../audit-log/audit-trail';
import { Clock } from '../common/clock';
import { eventLoopTurns } from '../common/event-loop';
import { InvalidMoveError, NotFoundError, ValidationError } from '../common/domain-errors';
import { definedFields } from '../common/objects';
import { indexHint } from '../database/index-hint';
import { insertRows } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { isInForce, noticeDeadline } from '../rules/contracts';
import { canMove } from '../rules/lifecycles';
import { VendorDependents } from '../vendors/vendor-dependents';
import { VendorsService } from '../vendors/vendors.service';
import { ContractChecklistService } from './contract-checklist.service';
import { Contract } from './contract.entity';
import { ContractView, toContractView } from './contract.view';
import { CreateContractDto, UpdateContractDto } from './dto/contract.dto';

/** Rows per multi-row INSERT (16 checklist items per contract stay well inside the bound-parameter limits). */
const INSERT_CHUNK = 100;
/** Values per IN (…) list when looking up many contracts. */
const LOOKUP_CHUNK = 500;
/** The fields of a change (UpdateContractDto without its version). */
export type ContractChanges = Omit<UpdateContractDto, 'version'>;

/** Contracts of the register's vendors (never deleted: they are evidence), each created with its checklist. */
@Injectable()
export class ContractsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly checklists: ContractChecklistService,
    private readonly vendors: VendorsService,
    private readonly dependents: VendorDependents,
    private readonly clock: Clock,
  ) {}

  /** A vendor with contracts is kept: contracts are never deleted, and neither is their vendor. */
  onModuleInit(): void {
    this.dependents.keepsVendor(async (manager, vendorId) => [{ field: 'contracts', kind: 'contract', count: await manager.countBy(Contract, { vendorId }) }]);
  }

  async listForVendor(vendorId: string): Promise<ContractView[]> {
    await this.vendors.get(vendorId);
    const contracts = await this.dataSource.getRepository(Contract).find({ where: { vendorId }, order: { effectiveFrom: 'DESC', createdAt: 'DESC' } });
    return contracts.map((contract) => this.view(contract));
  }

  async get(id: string): Promise<ContractView> {
    return this.view(await this.contract(id));
  }

  /**
   * Signed contracts that end between `from` and `to`, soonest first (then by vendor name, title and
   * contract), with their vendor's name: a range of the end-date index of the queue entries, which
   * hold every signed contract with an end date (contract-queues.ts), stopping after `limit`.
   */
  async endingBetween(from: string, to: string, limit: number): Promise<Array<{ id: string; title: string; vendorId: string; vendorName: string; expiresOn: string; autoRenew: boolean; noticeDays: number | null }>> {
    const rows: Array<{ id: string; title: string; vendorId: string; vendorName: string; expiresOn: string | Date; autoRenew: boolean | number; noticeDays: number | string | null }> = await this.dataSource.query(
      `SELECT q.contractId AS id, q.title, q.vendorId, q.vendorName, q.expiresOn, q.autoRenew, c.noticeDays
      FROM contract_queue_entries q ${indexHint(this.dataSource, 'IDX_contract_queue_entries_ending')} JOIN contracts c ON c.id = q.contractId
      WHERE q.status = 'signed' AND q.expiresOn >= ? AND q.expiresOn <= ? ORDER BY q.expiresOn, q.vendorName, q.title, q.contractId LIMIT ${Number(limit)}`,
      [from, to],
    );
    return rows.map((row) => ({
      ...row, expiresOn: row.expiresOn instanceof Date ? row.expiresOn.toISOString().slice(0, 10) : String(row.expiresOn).slice(0, 10), autoRenew: Boolean(Number(row.autoRenew)),
      noticeDays: row.noticeDays == null ? null : Number(row.noticeDays),
    }));
  }

  /** Every contract of the given vendors, read with the caller's manager (an import matches against them). */
  async findForVendors(manager: EntityManager, vendorIds: string[]): Promise<Contract[]> {
    const found: Contract[] = [];
    for (let start = 0; start < vendorIds.length; start += LOOKUP_CHUNK) found.push(...(await manager.find(Contract, { where: { vendorId: In(vendorIds.slice(start, start + LOOKUP_CHUNK)) } })));
    return found;
  }

  /** Creates the contract with its checklist: one not-reviewed item per clause type. */
  async create(vendorId: string, input: CreateContractDto): Promise<ContractView> {
    await this.vendors.get(vendorId);
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
      incidentNoticeHours: input.incidentNoticeHours ?? null,
      governingLaw: input.governingLaw ?? null,
      documentRef: input.documentRef ?? null,
      retentionPeriod: input.retentionPeriod ?? null,
    });
    checkDates(contract);
    return contract;
  }

  /**
   * Creates contracts of existing vendors, each with its checklist, in the caller's transaction
   * (one from the API, thousands from an import).
   */
  async createWith(manager: EntityManager, inputs: Array<{ vendorId: string; input: CreateContractDto }>): Promise<Contract[]> {
    const contracts: Contract[] = [];
    const turns = eventLoopTurns();
    for (const { vendorId, input } of inputs) {
      // Thousands from an import: the event loop turns between slices of the work.
      await turns.pause();
      contracts.push(this.prepareCreate(vendorId, input));
    }
    return this.insertPrepared(manager, contracts);
  }

  /** Stores contracts made by prepareCreate, with their checklists, in the caller's transaction (an import's planned ones). */
  async insertPrepared(manager: EntityManager, contracts: Contract[]): Promise<Contract[]> {
    // A new record's version is 1 (set here: the INSERT below does not read anything back).
    for (const contract of contracts) contract.version = 1;
    for (let start = 0; start < contracts.length; start += INSERT_CHUNK) {
      const chunk = contracts.slice(start, start + INSERT_CHUNK);
      await insertRows(manager, Contract, chunk, INSERT_CHUNK);
      await this.checklists.createFor(manager, chunk.map((row) => row.id));
    }
    await recordCreatedMany(manager, 'contract', contracts);
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
    if (fields.status && !canMove('contract', current.status, fields.status)) throw new InvalidMoveError('contract', current.status, fields.status);
    checkDates(next);
    return next;
  }

  /** Stores a prepared change at the version the caller read (409 if it moved), in the caller's transaction. */
  async saveUpdate(manager: EntityManager, next: Contract, version: number): Promise<void> {
    const { id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, vendor: _vendor, ...changes } = next;
    await updateAtVersion(manager, Contract, 'contract', id, version, changes, this.clock.now());
  }

  private view(contract: Contract): ContractView {
    const today = this.clock.today();
    return toContractView(contract, isInForce(contract, today), noticeDeadline(contract));
  }

  private async contract(id: string): Promise<Contract> {
    const contract = await this.dataSource.getRepository(Contract).findOneBy({ id });
    if (!contract) throw new NotFoundError('contract', id);
    return contract;
  }
}

function checkDates(contract: Pick<Contract, 'effectiveFrom' | 'expiresOn' | 'signedOn'>): void {
  if (contract.expiresOn && contract.expiresOn < contract.effectiveFrom) {
    throw new ValidationError({ field: 'expiresOn', code: 'expires-before-start', params: { date: contract.effectiveFrom } });
  }
}
