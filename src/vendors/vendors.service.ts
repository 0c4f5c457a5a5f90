import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Clock } from '../common/clock';
import { eventLoopTurns } from '../common/event-loop';
import { ConflictError, InvalidMoveError, NotFoundError, ValidationError, VersionConflictError } from '../common/domain-errors';
import { statusTerm, term } from '../common/problems';
import { isUniqueViolation } from '../common/database-errors';
import { updateAtVersion } from '../audit-log/optimistic-update';
import { deleteRow, insertRows } from '../database/row-writes';
import { runInTransaction } from '../database/transactions';
import { Page, pageOf } from '../common/pagination';
import { assessRiskTier, effectiveRiskTier, overrideProblem } from '../rules/risk-tier';
import { HOME_COUNTRY, VendorStatus } from '../rules/vendor-facts';
import { addDays } from '../rules/calendar';
import { EXPIRY_WARNING_DAYS } from '../rules/contracts';
import { canMove } from '../rules/lifecycles';
import { CreateVendorDto, filtersBesidesFlag, filtersBesidesStatusAndTier, UpdateVendorDto, VendorListFilters, VendorListQuery, VendorSort } from './dto/vendor.dto';
import { Vendor } from './vendor.entity';
import { definedFields } from '../common/objects';
import { recordCreatedMany, recordDeleted } from '../audit-log/audit-trail';
import { VendorDependents } from './vendor-dependents';
import { nameKey, vendorKeys } from '../rules/japanese-names';
import { searchAlternatives, SearchAlternatives } from '../rules/search-terms';
import { ownerProblem } from '../rules/vendor-owner';
import { User } from '../users/user.entity';

/** Statuses from which a vendor has (had) data: a missing activeSince defaults to the day it became active. */
const ACTIVE_STATUSES: readonly VendorStatus[] = ['active', 'offboarding'];
/** Rows per multi-row INSERT: well inside SQLite's and MySQL's limits on bound parameters. */
const INSERT_CHUNK = 200;
/** Terms of a search alternative whose vendors are counted to find the rarest (any of them narrows the search). */
const TERMS_CONSIDERED = 8;
/** Vendors counted per term at most: above it a term is as common as any. */
const RAREST_COUNT_CAP = 5000;
/** Vendors a facet filter selects from which a page walks the list's order instead (counted up to this). */
const WALK_ABOVE = 1000;
type FacetFilter = 'dataCategory' | 'country' | 'abroad';
/** How the list reads its search and facet filters (VendorsService.planOf). */
interface ListPlan {
  searchPairs: Array<[string, string]> | null;
  walks: ReadonlySet<FacetFilter>;
  /** Selecting fewer than WALK_ABOVE vendors: read through the facets on either engine. */
  rare: ReadonlySet<FacetFilter>;
}
/** Values per IN (…) list when looking up many vendors. */
const LOOKUP_CHUNK = 500;
/** The fields of a change (UpdateVendorDto without its version). */
export type VendorChanges = Omit<UpdateVendorDto, 'version'>;

@Injectable()
export class VendorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly dependents: VendorDependents,
  ) {}

  async list(query: VendorListQuery): Promise<Page<Vendor>> {
    const plan = await this.planOf(query);
    const page = this.filtered(query, plan, 'page')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    // Filtered by flag alone: the feature that keeps the flags counts them (counting the rows would
    // probe every vendor of the register). Likewise the whole register, or a compliance status and tier:
    // the compliance engine keeps those counts (counting them is linear: 90,000 rows for "non-compliant").
    // A page that walks the list's order is counted through the facets.
    const counted = query.flag && !filtersBesidesFlag(query) ? this.dependents.listCondition('flag', query.flag).count
      : !filtersBesidesStatusAndTier(query) ? () => this.dependents.vendorCount({ complianceStatus: query.complianceStatus, riskTier: query.riskTier }) ?? this.filtered(query, plan, 'all').getCount()
      : plan.walks.size > 0 ? () => this.filtered(query, plan, 'all').getCount() : undefined;
    const [items, total] = counted ? await Promise.all([page.getMany(), counted()]) : await page.getManyAndCount();
    return pageOf(items, total, query);
  }

  /**
   * The ids of every vendor the list's filters and sort select, in that order, without paging (the
   * exports read the vendors themselves a chunk at a time: ids are all that is held of a whole register).
   */
  async idsOf(query: VendorListFilters): Promise<string[]> {
    const builder = this.filtered(query, await this.planOf(query), 'all').select('vendor.id', 'id');
    // A sort by rank orders by a selected expression: it stays selected.
    const rank = RANKS[(query.sort ?? 'name').replace(/^-/, '')];
    if (rank) builder.addSelect(rank, 'sort_rank');
    const rows: Array<{ id: string }> = await builder.getRawMany();
    return rows.map((row) => row.id);
  }

  /** The vendors with these ids, in the order given (those that are gone left out). */
  async inOrder(ids: string[]): Promise<Vendor[]> {
    const found = new Map((await this.dataSource.getRepository(Vendor).findBy({ id: In(ids) })).map((vendor) => [vendor.id, vendor]));
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }

  /**
   * How the list reads what its search and facet filters select, decided from the stored terms and
   * facets by counts capped at a constant (so deciding costs the same at any register size): the
   * rarest terms of a search, and which facet filters are common enough that a page is found sooner
   * by walking the list's order and testing each vendor (a filter that one vendor in five passes
   * reads about 100 vendors for a page of 20) than by reading and sorting every match.
   */
  private async planOf(query: VendorListFilters): Promise<ListPlan> {
    const alternatives = query.q ? searchAlternatives(query.q) : null;
    const rarest = alternatives ? await this.rarestTerms(alternatives) : null;
    // MySQL/MariaDB walk the list's order with a dependent subquery when the terms are common (seconds
    // at 100,000 vendors): there a common search tests every vendor with the LIKE alone, as before.
    const searchPairs = rarest && (this.isSqlite() || rarest.held < WALK_ABOVE) ? rarest.pairs : null;
    const walks = new Set<FacetFilter>();
    const rare = new Set<FacetFilter>();
    const common = async (filter: FacetFilter, where: string, values: readonly string[]) => {
      const [{ n }] = await this.dataSource.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM vendor_facets WHERE ${where} LIMIT ${WALK_ABOVE}) capped`, [...values]);
      if (Number(n) >= WALK_ABOVE) walks.add(filter);
      else rare.add(filter);
    };
    if (query.dataCategory?.length) await common('dataCategory', `kind = 'category' AND value IN (${query.dataCategory.map(() => '?').join(', ')})`, query.dataCategory);
    if (query.country?.length) await common('country', `kind = 'location' AND value IN (${query.country.map(() => '?').join(', ')})`, query.country);
    if (query.abroad === 'true') await common('abroad', "kind = 'location' AND value <> ?", [HOME_COUNTRY]);
    return { searchPairs, walks, rare };
  }

  /**
   * The one query of the vendor list's filters and sort: the API's list, the admin page and the
   * exports all select through it. Every condition reads stored columns (the compliance status and
   * audit dates the engine keeps) or probes another feature's rows by the vendor's key: no vendor is
   * evaluated by the rules here. For a `page`, a common facet filter tests each vendor in the list's
   * order (SQLite: the unary + keeps the planner from reading the vendors through the facets).
   */
  private filtered(query: VendorListFilters, plan: ListPlan, reading: 'page' | 'all'): SelectQueryBuilder<Vendor> {
    const builder = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor');
    const id = (filter: FacetFilter) => (reading === 'page' && plan.walks.has(filter) ? '+vendor.id' : 'vendor.id');
    // A vendor's locations or its subcontractors' countries: SQLite reads both through their keys (a
    // MULTI-INDEX OR). MySQL/MariaDB materialise each subquery of an OR and test every vendor against
    // both (288 ms at 10,000 vendors; seconds at 100,000): there each vendor's JSON is tested and its
    // subcontractors probed by its key, as before the facets (measured faster there than a facet probe).
    const locatedIn = (filter: FacetFilter, subcontracted: { where: string; probe?: string }, facet: string, json: string) => this.isSqlite()
      ? `(${id(filter)} IN (SELECT location.vendorId FROM vendor_facets location WHERE location.kind = 'location' AND location.value ${facet}) OR ${subcontracted.where.replace('vendor.id', id(filter))})`
      : `(${json} OR ${subcontracted.probe})`;
    if (query.q) {
      // '!' as the LIKE escape: a backslash means different things to MySQL and SQLite literals.
      const like = `%${query.q.replace(/[!%_]/g, (char) => `!${char}`)}%`;
      // …and the name or reading without legal-form words, width- and kana-folded (rules/japanese-names).
      const key = nameKey(query.q);
      const keyLike = key === '' ? like : `%${key.replace(/[!%_]/g, (char) => `!${char}`)}%`;
      builder.andWhere("(vendor.name LIKE :like ESCAPE '!' OR vendor.searchKey LIKE :keyLike ESCAPE '!' OR vendor.corporateNumber = :exact)", { like, keyLike, exact: query.q });
      // The LIKE decides; the stored search terms (rules/search-terms.ts) narrow whom it tests to the
      // vendors holding, per alternative, both of its two rarest terms (one row of each through the key).
      if (plan.searchPairs) {
        const pairs = plan.searchPairs;
        const parameters = Object.fromEntries(pairs.flatMap(([first, second], index) => [[`searchFirst${index}`, first], [`searchSecond${index}`, second]]));
        const either = pairs.map((_, index) => `(term.term = :searchFirst${index} AND other.term = :searchSecond${index})`).join(' OR ');
        builder.andWhere(`vendor.id IN (SELECT term.vendorId FROM vendor_search_terms term INNER JOIN vendor_search_terms other ON other.vendorId = term.vendorId WHERE ${either})`, parameters);
      }
    }
    if (query.status) builder.andWhere('vendor.status = :status', { status: query.status });
    if (query.riskTier) builder.andWhere('vendor.riskTier = :riskTier', { riskTier: query.riskTier });
    if (query.complianceStatus) builder.andWhere('vendor.complianceStatus = :complianceStatus', { complianceStatus: query.complianceStatus });
    if (query.flag) {
      // Today's flags are the compliance engine's (it registers the condition: VendorDependents).
      const flagged = this.dependents.listCondition('flag', query.flag);
      builder.andWhere(flagged.where, flagged.parameters);
    }
    if (query.dataCategory?.length) {
      // The vendor's data categories as facet rows (vendor-index.ts), read by (kind, value).
      // On MySQL/MariaDB a common one tests each vendor's JSON (a quoted code matches exactly), as before the facets.
      if (this.isSqlite() || plan.rare.has('dataCategory')) {
        builder.andWhere(`${id('dataCategory')} IN (SELECT category.vendorId FROM vendor_facets category WHERE category.kind = 'category' AND category.value IN (:...dataCategories))`, { dataCategories: query.dataCategory });
      } else {
        builder.andWhere(`(${query.dataCategory.map((_, index) => `vendor.dataCategories LIKE :category${index}`).join(' OR ')})`, Object.fromEntries(query.dataCategory.map((category, index) => [`category${index}`, `%"${category}"%`])));
      }
    }
    if (query.country?.length) {
      const countries = query.country;
      const subcontracted = this.dependents.listCondition('subcontractorCountry', { countries });
      // The vendor's own country and its data locations are its 'location' facets (vendor-index.ts).
      const json = ['vendor.country IN (:...countries)', ...countries.map((_, index) => `vendor.dataLocations LIKE :location${index}`)].join(' OR ');
      const locations = Object.fromEntries(countries.map((country, index) => [`location${index}`, `%"${country}"%`]));
      builder.andWhere(locatedIn('country', subcontracted, 'IN (:...countries)', json), { countries, ...locations, ...subcontracted.parameters });
    }
    if (query.abroad) {
      // Foreign handling (foreignHandlingCountries, rules/vendor-facts.ts): a country other than Japan
      // as the vendor's own, among its data locations (a quoted code left once "JP" is taken out) or its subcontractors'.
      const subcontracted = this.dependents.listCondition('subcontractorCountry', { abroad: true });
      const abroad = locatedIn('abroad', subcontracted, '<> :home', `vendor.country <> :home OR REPLACE(vendor.dataLocations, :quotedHome, '') LIKE '%"%'`);
      builder.andWhere(query.abroad === 'true' ? abroad : `NOT ${abroad}`, { home: HOME_COUNTRY, quotedHome: `"${HOME_COUNTRY}"`, ...subcontracted.parameters });
    }
    if (query.relationship) builder.andWhere('vendor.relationship = :relationship', { relationship: query.relationship });
    if (query.reentrustmentAllowed) builder.andWhere('vendor.reentrustmentAllowed = :reentrustmentAllowed', { reentrustmentAllowed: query.reentrustmentAllowed === 'true' });
    if (query.owner) builder.andWhere('vendor.ownerEmail = :owner', { owner: query.owner });
    if (query.contract) {
      const asOf = this.clock.today();
      const contracted = this.dependents.listCondition('contract', { state: query.contract, asOf, until: addDays(asOf, query.expiringWithinDays ?? EXPIRY_WARNING_DAYS) });
      builder.andWhere(contracted.where, contracted.parameters);
    }
    if (query.lastAuditBefore) builder.andWhere('vendor.lastAuditOn < :lastAuditBefore', { lastAuditBefore: query.lastAuditBefore });
    if (query.lastAuditAfter) builder.andWhere('vendor.lastAuditOn > :lastAuditAfter', { lastAuditAfter: query.lastAuditAfter });
    if (query.nextAuditDueBefore) builder.andWhere('vendor.nextAuditDue < :nextAuditDueBefore', { nextAuditDueBefore: query.nextAuditDueBefore });
    applySort(builder, query.sort ?? 'name');
    return builder;
  }

  /**
   * The two terms of each alternative of a search that the fewest vendors hold (counted up to
   * RAREST_COUNT_CAP each, in one query: a term every vendor holds costs no more to count than a
   * rare one; one term twice when the alternative has one), and the query whole (a 法人番号) alone.
   */
  private async rarestTerms({ anyOf, exact }: SearchAlternatives): Promise<{ pairs: Array<[string, string]>; held: number }> {
    const considered = anyOf.map((terms) => terms.slice(0, TERMS_CONSIDERED));
    const distinct = [...new Set(considered.flat())];
    const counts: Array<{ i: number | string; n: number | string }> = await this.dataSource.query(
      distinct.map((_, index) => `SELECT ${index} AS i, COUNT(*) AS n FROM (SELECT 1 FROM vendor_search_terms WHERE term = ? LIMIT ${RAREST_COUNT_CAP}) capped${index}`).join(' UNION ALL '),
      distinct,
    );
    const held = new Map(counts.map((row) => [distinct[Number(row.i)], Number(row.n)]));
    const pairs = considered.map((terms): [string, string] => {
      const [first, second] = [...terms].sort((one, other) => held.get(one)! - held.get(other)!);
      return [first, second ?? first];
    });
    // How many vendors the candidates come from at most (the rarest term of each alternative, capped).
    const most = Math.max(...pairs.map(([first]) => held.get(first)!));
    return { pairs: exact === null ? pairs : [...pairs, [exact, exact]], held: most };
  }

  private isSqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  async get(id: string): Promise<Vendor> {
    const vendor = await this.dataSource.getRepository(Vendor).findOneBy({ id });
    if (!vendor) throw new NotFoundError('vendor', id);
    return vendor;
  }

  /**
   * Registered vendors with one of the 法人番号 or one of the names (the database's collation decides
   * what "same name" means here; callers compare exactly), read with the caller's manager.
   */
  async findByNumbersOrNames(manager: EntityManager, numbers: string[], names: string[]): Promise<Vendor[]> {
    const found: Vendor[] = [];
    for (let start = 0; start < numbers.length; start += LOOKUP_CHUNK) found.push(...(await manager.find(Vendor, { where: { corporateNumber: In(numbers.slice(start, start + LOOKUP_CHUNK)) } })));
    for (let start = 0; start < names.length; start += LOOKUP_CHUNK) found.push(...(await manager.find(Vendor, { where: { name: In(names.slice(start, start + LOOKUP_CHUNK)) } })));
    return found;
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
    // A class instance filled from one literal: V8 keeps it in fast mode (TypeORM's create() leaves
    // its ~30 properties in a dictionary, about 1.6 kB a vendor: an import holds thousands).
    const vendor = Object.assign(new Vendor(), {
      name: input.name,
      reading: input.reading ?? null,
      ...vendorKeys(input.name, input.reading ?? null),
      corporateNumber: input.corporateNumber ?? null,
      country: input.country ?? 'JP',
      dataLocations: input.dataLocations ?? [],
      services: input.services ?? '',
      dataCategories: input.dataCategories ?? [],
      dataSubjectCount: input.dataSubjectCount ?? null,
      reentrustmentAllowed: input.reentrustmentAllowed ?? false,
      gdprApplies: input.gdprApplies ?? false,
      relationship: input.relationship ?? 'entrustment',
      transferBasis: input.transferBasis ?? null,
      subcontractorApproval: input.subcontractorApproval ?? 'prior-approval',
      ownerEmail: input.ownerEmail ?? null,
      ownerName: input.ownerName ?? null,
      status,
      activeSince: input.activeSince ?? (ACTIVE_STATUSES.includes(status) ? this.clock.today() : null),
      riskTierOverride: input.riskTierOverride ?? null,
      riskTierOverrideReason: input.riskTierOverrideReason ?? null,
      // The compliance engine evaluates vendors; until it has, the status says so honestly.
      complianceStatus: 'not-evaluated',
      lastAuditOn: null,
      nextAuditDue: null,
    });
    applyRiskTier(vendor);
    return vendor;
  }

  /** Creates vendors in the caller's transaction (one from the API, thousands from an import). */
  async createWith(manager: EntityManager, inputs: CreateVendorDto[]): Promise<Vendor[]> {
    const vendors: Vendor[] = [];
    const turns = eventLoopTurns();
    for (const input of inputs) {
      // Thousands from an import: the event loop turns between slices of the work.
      await turns.pause();
      vendors.push(this.prepareCreate(input));
    }
    await this.checkOwners(manager, vendors);
    return this.insertPrepared(manager, vendors);
  }

  /**
   * Stores vendors made by prepareCreate whose owners were checked, in the caller's transaction (an
   * import inserts those it planned, not a second copy of each).
   */
  async insertPrepared(manager: EntityManager, vendors: Vendor[]): Promise<Vendor[]> {
    // A new record's version is 1 (set here: the INSERT below does not read anything back).
    for (const vendor of vendors) vendor.version = 1;
    // Nothing to read back (ids and timestamps are made in code): multi-row INSERTs without the query builder's cost per value.
    await insertRows(manager, Vendor, vendors, INSERT_CHUNK);
    await recordCreatedMany(manager, 'vendor', vendors);
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
    // Another owner without a name given: the name was the previous owner's.
    if (fields.ownerEmail !== undefined && fields.ownerName === undefined && fields.ownerEmail !== current.ownerEmail) next.ownerName = null;
    Object.assign(next, vendorKeys(next.name, next.reading));
    if (fields.status && !canMove('vendor', current.status, fields.status)) throw new InvalidMoveError('vendor', current.status, fields.status);
    if (fields.status === 'active' && current.status === 'candidate') await this.dependents.checkActivation(manager, current.id);
    if (fields.status && ACTIVE_STATUSES.includes(fields.status) && !next.activeSince) next.activeSince = this.clock.today();
    applyRiskTier(next);
    await this.checkOwners(manager, [next]);
    return next;
  }

  /** Refuses a named owner without an address, or a name given for a user (theirs is their account's). */
  async checkOwners(manager: EntityManager, vendors: Vendor[]): Promise<void> {
    const named = [...new Set(vendors.flatMap((vendor) => (vendor.ownerName !== null && vendor.ownerEmail !== null ? [vendor.ownerEmail] : [])))];
    const users = new Set<string>();
    for (let start = 0; start < named.length; start += LOOKUP_CHUNK) {
      const rows = await manager.find(User, { where: { email: In(named.slice(start, start + LOOKUP_CHUNK)) }, select: { id: true, email: true } });
      for (const row of rows) users.add(row.email);
    }
    for (const vendor of vendors) {
      const problem = ownerProblem(vendor, users);
      if (problem === 'name-without-email') throw new ValidationError({ field: 'ownerEmail', code: 'owner-email-required' });
      if (problem === 'name-for-user') throw new ValidationError({ field: 'ownerName', code: 'owner-name-for-user', params: { email: vendor.ownerEmail ?? '' } });
    }
  }

  /** Stores a prepared change at the version the caller read (409 if it moved), in the caller's transaction. */
  async saveUpdate(manager: EntityManager, next: Vendor, version: number): Promise<void> {
    const { id, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...changes } = next;
    await updateAtVersion(manager, Vendor, 'vendor', id, version, changes, this.clock.now());
  }

  /** Only a candidate with no other records may be deleted (the API's contract); anything else is kept (409). */
  async remove(id: string): Promise<void> {
    const vendor = await this.get(id);
    if (vendor.status !== 'candidate') {
      throw new ConflictError({ field: 'status', code: 'delete-only-candidate', params: { status: statusTerm('vendor', vendor.status) } }, 'kept-record');
    }
    await runInTransaction(this.dataSource, async (manager) => {
      // Records are evidence and are kept, so a vendor that has any is kept with them (JIS: keep the contract).
      const kept = await this.dependents.keptRecords(manager, id);
      if (kept.length > 0) {
        const records = kept.map(({ kind, count }) => term('error.recordCount', { records: term(`error.records.${kind}`), count }));
        throw new ConflictError({ field: kept[0].field, code: 'vendor-has-records', params: { records } }, 'kept-record');
      }
      // Its stored flags go too: the compliance engine recomputes the deleted vendor before commit.
      await deleteRow(manager, Vendor, vendor, 'id = :id AND status = :status', { id, status: 'candidate' });
      await recordDeleted(manager, 'vendor', vendor);
    });
  }

  private duplicateCorporateNumber(error: unknown, corporateNumber: string | null | undefined): unknown {
    if (isUniqueViolation(error)) return new ConflictError({ field: 'corporateNumber', code: 'corporate-number-taken', params: { number: corporateNumber ?? '' } }, 'duplicate');
    return error;
  }
}

/**
 * Computes the tier from the facts and applies an override only with its written reason; refuses an
 * objection period for My Number data: every tier of re-entrustment needs the entruster's explicit
 * permission (番号法 Art. 10), never a deemed one.
 */
function applyRiskTier(vendor: Vendor): void {
  if (vendor.subcontractorApproval === 'objection-period' && vendor.dataCategories.includes('my-number')) {
    throw new ValidationError({ field: 'subcontractorApproval', code: 'objection-period-my-number' });
  }
  const override = { tier: vendor.riskTierOverride, reason: vendor.riskTierOverrideReason };
  const problem = overrideProblem(override);
  if (problem === 'reason-required') throw new ValidationError({ field: 'riskTierOverrideReason', code: 'override-reason-required' });
  if (problem === 'reason-without-override') throw new ValidationError({ field: 'riskTierOverrideReason', code: 'override-reason-alone' });
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
  } else if (field === 'nextAuditDue' || field === 'lastAuditOn') {
    // Vendors without the date (not supervised, never audited) after those with one, in either direction.
    builder.orderBy(`CASE WHEN vendor.${field} IS NULL THEN 1 ELSE 0 END`, 'ASC').addOrderBy(`vendor.${field}`, direction).addOrderBy('vendor.sortKey', 'ASC');
  } else if (field === 'reading') {
    // By reading (else name) without legal-form words: 株式会社ベータ sorts under ベ, after アルファ.
    builder.orderBy('vendor.sortKey', direction).addOrderBy('vendor.name', 'ASC');
  } else {
    // Ties (one import writes thousands of vendors at one updatedAt) broken by id in the same
    // direction: the (column, id) index is walked for a page instead of every tie being sorted.
    builder.orderBy(`vendor.${field}`, direction).addOrderBy('vendor.id', direction);
    return;
  }
  builder.addOrderBy('vendor.id', 'ASC');
}
