import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Clock } from '../common/clock';
import { eventLoopTurns } from '../common/event-loop';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { isUniqueViolation } from '../common/database-errors';
import { updateAtVersion } from '../common/optimistic-update';
import { runInTransaction, touchVendor } from '../database/transactions';
import { Page, pageOf } from '../common/pagination';
import { assessRiskTier, effectiveRiskTier, overrideProblem } from '../rules/risk-tier';
import { VendorStatus } from '../rules/vendor-facts';
import { allowedNextStatuses, canMoveVendor } from '../rules/vendor-lifecycle';
import { CreateVendorDto, UpdateVendorDto, VendorListFilters, VendorListQuery, VendorSort } from './dto/vendor.dto';
import { Vendor } from './vendor.entity';
import { definedFields } from '../common/objects';
import { recordCreatedMany, recordDeleted } from '../audit-log/audit-trail';

/** Statuses from which a vendor has (had) data: a missing activeSince defaults to the day it became active. */
const ACTIVE_STATUSES: readonly VendorStatus[] = ['active', 'offboarding'];
/** Rows per multi-row INSERT: well inside SQLite's and MySQL's limits on bound parameters. */
const INSERT_CHUNK = 200;
/** The fields of a change (UpdateVendorDto without its version). */
export type VendorChanges = Omit<UpdateVendorDto, 'version'>;
/** Tables of records that keep their vendor from deletion (names are constants, not input). */
const KEPT_RECORDS = ['contracts', 'assessments', 'audits', 'subcontractors', 'certificates', 'deletion_certificates'] as const;

@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(query: VendorListQuery): Promise<Page<Vendor>> {
    const [items, total] = await this.filtered(query)
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(items, total, query);
  }

  /** Every vendor the list's filters and sort select, without paging (exports). */
  async listAll(query: VendorListFilters): Promise<Vendor[]> {
    return this.filtered(query).getMany();
  }

  private filtered(query: VendorListFilters): SelectQueryBuilder<Vendor> {
    const builder = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor');
    if (query.q) {
      // '!' as the LIKE escape: a backslash means different things to MySQL and SQLite literals.
      const like = `%${query.q.replace(/[!%_]/g, (char) => `!${char}`)}%`;
      builder.andWhere("(vendor.name LIKE :like ESCAPE '!' OR vendor.corporateNumber = :exact)", { like, exact: query.q });
    }
    if (query.status) builder.andWhere('vendor.status = :status', { status: query.status });
    if (query.riskTier) builder.andWhere('vendor.riskTier = :riskTier', { riskTier: query.riskTier });
    if (query.complianceStatus) builder.andWhere('vendor.complianceStatus = :complianceStatus', { complianceStatus: query.complianceStatus });
    if (query.flag) {
      // vendor_flags holds today's flags, kept current by the compliance engine (indexed by code, vendor).
      // A scalar probe, not EXISTS: MariaDB turns EXISTS into a semi-join that materialises every
      // flagged vendor before the page (about 4× slower at 10,000 vendors); SQLite plans both alike.
      builder.andWhere('(SELECT 1 FROM vendor_flags flag WHERE flag.vendorId = vendor.id AND flag.code = :flag LIMIT 1) IS NOT NULL', { flag: query.flag });
    }
    applySort(builder, query.sort ?? 'name');
    return builder;
  }

  async get(id: string): Promise<Vendor> {
    const vendor = await this.dataSource.getRepository(Vendor).findOneBy({ id });
    if (!vendor) throw new NotFoundError('vendor', id);
    return vendor;
  }

  /** Names of the given vendors, for lists of other records (one query per page, not per row). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Vendor).find({ where: { id: In(ids) }, select: { id: true, name: true } });
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async create(input: CreateVendorDto): Promise<Vendor> {
    try {
      const [saved] = await runInTransaction(this.dataSource, (manager) => this.createWith(manager, [input]));
      // Read back: the compliance engine set its status in the same transaction.
      return await this.get(saved.id);
    } catch (error) {
      throw this.duplicateCorporateNumber(error, input.corporateNumber);
    }
  }

  /** A new vendor with the API's defaults and its risk tier, not yet stored (throws ValidationError). */
  prepareCreate(input: CreateVendorDto): Vendor {
    const status = input.status ?? 'candidate';
    const vendor = this.dataSource.getRepository(Vendor).create({
      name: input.name,
      corporateNumber: input.corporateNumber ?? null,
      country: input.country ?? 'JP',
      dataLocations: input.dataLocations ?? [],
      services: input.services ?? '',
      dataCategories: input.dataCategories ?? [],
      dataSubjectCount: input.dataSubjectCount ?? null,
      reentrustmentAllowed: input.reentrustmentAllowed ?? false,
      gdprApplies: input.gdprApplies ?? false,
      ownerEmail: input.ownerEmail ?? null,
      status,
      activeSince: input.activeSince ?? (ACTIVE_STATUSES.includes(status) ? this.clock.today() : null),
      riskTierOverride: input.riskTierOverride ?? null,
      riskTierOverrideReason: input.riskTierOverrideReason ?? null,
      // The compliance engine evaluates vendors; until it has, the status says so honestly.
      complianceStatus: 'not-evaluated',
    });
    applyRiskTier(vendor);
    return vendor;
  }

  /** Creates vendors in the caller's transaction (one from the API, thousands from an import). */
  async createWith(manager: EntityManager, inputs: CreateVendorDto[]): Promise<Vendor[]> {
    // A new record's version is 1 (set here: the INSERT below does not read anything back).
    const vendors: Vendor[] = [];
    const turns = eventLoopTurns();
    for (const input of inputs) {
      // Thousands from an import: the event loop turns between slices of the work.
      await turns.pause();
      vendors.push(Object.assign(this.prepareCreate(input), { version: 1 }));
    }
    for (let start = 0; start < vendors.length; start += INSERT_CHUNK) {
      // Nothing to read back (ids and timestamps are made in code): skip TypeORM's per-row merge.
      await manager.createQueryBuilder().insert().into(Vendor).values(vendors.slice(start, start + INSERT_CHUNK)).updateEntity(false).execute();
    }
    await recordCreatedMany(manager, 'vendor', vendors);
    for (const vendor of vendors) touchVendor(manager, vendor.id);
    return vendors;
  }

  async update(id: string, input: UpdateVendorDto): Promise<Vendor> {
    const { version, ...fields } = input;
    const current = await this.get(id);
    // A stale version is refused before the input is judged against a record the caller never saw;
    // the conditional UPDATE below still guards the race between this read and the write.
    if (current.version !== version) throw new VersionConflictError('vendor', id, version, current.version);
    try {
      await runInTransaction(this.dataSource, async (manager) => {
        const next = await this.prepareUpdate(manager, current, fields);
        await this.saveUpdate(manager, next, version);
      });
    } catch (error) {
      throw this.duplicateCorporateNumber(error, fields.corporateNumber);
    }
    return this.get(id);
  }

  /**
   * The vendor as it would be after the change (lifecycle, activeSince default, risk tier), not yet
   * stored; throws the error the API would answer. Reads with the caller's manager.
   */
  async prepareUpdate(manager: EntityManager, current: Vendor, fields: VendorChanges): Promise<Vendor> {
    const next = Object.assign(new Vendor(), current, definedFields(fields));
    if (fields.riskTierOverride === null && fields.riskTierOverrideReason === undefined) next.riskTierOverrideReason = null;
    if (fields.status && !canMoveVendor(current.status, fields.status)) {
      const allowed = allowedNextStatuses(current.status);
      throw new ConflictError(
        [`status: a vendor cannot move from ${current.status} to ${fields.status}` + (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no further status)')],
        'invalid-transition',
      );
    }
    if (fields.status === 'active' && current.status === 'candidate') await this.refuseIfSelectionRejected(manager, current.id);
    if (fields.status && ACTIVE_STATUSES.includes(fields.status) && !next.activeSince) next.activeSince = this.clock.today();
    applyRiskTier(next);
    return next;
  }

  /** Stores a prepared change at the version the caller read (409 if it moved), in the caller's transaction. */
  async saveUpdate(manager: EntityManager, next: Vendor, version: number): Promise<void> {
    const { id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...changes } = next;
    await updateAtVersion(manager, Vendor, 'vendor', id, version, changes, this.clock.now());
    touchVendor(manager, id);
  }

  /** api.md: only a candidate with no other records may be deleted; anything else is kept (409). */
  async remove(id: string): Promise<void> {
    const vendor = await this.get(id);
    if (vendor.status !== 'candidate') {
      throw new ConflictError([`status: only a candidate vendor can be deleted; this one is ${vendor.status} and its records are kept`], 'kept-record');
    }
    await runInTransaction(this.dataSource, async (manager) => {
      // Records are evidence and are kept, so a vendor that has any is kept with them (JIS: keep the contract).
      const kept: string[] = [];
      for (const table of KEPT_RECORDS) {
        const [{ count }] = await manager.query(`SELECT COUNT(*) AS count FROM ${table} WHERE vendorId = ?`, [id]);
        if (Number(count) > 0) kept.push(`${table.replace(/_/g, ' ')} (${count})`);
      }
      if (kept.length > 0) {
        throw new ConflictError([`${kept[0].startsWith('contracts') ? 'contracts' : 'records'}: this vendor has ${kept.join(', ')}; records are kept, so the vendor is kept too`], 'kept-record');
      }
      await manager.query('DELETE FROM vendor_flags WHERE vendorId = ?', [id]);
      await manager.delete(Vendor, { id, status: 'candidate' });
      await recordDeleted(manager, 'vendor', vendor);
    });
  }

  /**
   * domain.md: a rejected selection assessment keeps the vendor a candidate. A missing assessment
   * does not block (the flag says so); a newer approval lifts the rejection.
   */
  private async refuseIfSelectionRejected(manager: EntityManager, id: string): Promise<void> {
    const [latest] = await manager.query(
      "SELECT outcome, completedOn FROM assessments WHERE vendorId = ? AND kind = 'selection' ORDER BY completedOn DESC, createdAt DESC LIMIT 1",
      [id],
    );
    if (latest?.outcome === 'rejected') {
      throw new ConflictError([`status: the latest selection assessment (${String(latest.completedOn).slice(0, 10)}) rejected this vendor; it stays a candidate until a new assessment approves it`], 'selection-rejected');
    }
  }

  private duplicateCorporateNumber(error: unknown, corporateNumber: string | null | undefined): unknown {
    if (isUniqueViolation(error)) return new ConflictError([`corporateNumber: ${corporateNumber} is already registered for another vendor`], 'duplicate');
    return error;
  }
}

/** Computes the tier from the facts and applies an override only with its written reason. */
function applyRiskTier(vendor: Vendor): void {
  const override = { tier: vendor.riskTierOverride, reason: vendor.riskTierOverrideReason };
  const problem = overrideProblem(override);
  if (problem === 'reason-required') throw new ValidationError(['riskTierOverrideReason: a written reason is required to override the risk tier']);
  if (problem === 'reason-without-override') throw new ValidationError(['riskTierOverrideReason: give it only together with riskTierOverride']);
  const assessment = assessRiskTier(vendor);
  vendor.riskTierComputed = assessment.tier;
  vendor.riskTierReasons = assessment.reasons;
  vendor.riskTier = effectiveRiskTier(assessment.tier, override);
}

const RANKS: Record<string, string> = {
  riskTier: "CASE vendor.riskTier WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
  complianceStatus: "CASE vendor.complianceStatus WHEN 'non-compliant' THEN 4 WHEN 'at-risk' THEN 3 WHEN 'not-evaluated' THEN 2 ELSE 1 END",
};

function applySort(builder: SelectQueryBuilder<Vendor>, sort: VendorSort): void {
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const field = sort.replace(/^-/, '');
  if (RANKS[field]) {
    builder.addSelect(RANKS[field], 'sort_rank').orderBy('sort_rank', direction);
    builder.addOrderBy('vendor.name', 'ASC');
  } else {
    builder.orderBy(`vendor.${field}`, direction);
  }
  builder.addOrderBy('vendor.id', 'ASC');
}
