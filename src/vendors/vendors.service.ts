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
import { VendorDependents, VendorListFilterValues } from './vendor-dependents';
import { nameKey, vendorKeys } from '../rules/japanese-names';
import { searchAlternatives } from '../rules/search-terms';
import { ownerProblem } from '../rules/vendor-owner';
import { User } from '../users/user.entity';

/** Statuses from which a vendor has (had) data: a missing activeSince defaults to the day it became active. */
const ACTIVE_STATUSES: readonly VendorStatus[] = ['active', 'offboarding'];
/** Rows per multi-row INSERT: well inside SQLite's and MySQL's limits on bound parameters. */
const INSERT_CHUNK = 200;
/** Terms of a search alternative a candidate must hold (each narrows the search). */
const TERMS_CONSIDERED = 8;
/** Rows of a search term counted at most: above it a term is as common as any. */
const RAREST_COUNT_CAP = 5000;
/** Rows of a facet (or of subcontractors in some countries) counted at most, and so read at most to find the candidates. */
const FACET_COUNT_CAP = 20_000;
/**
 * Candidates (vendors the search and facet filters select together) a page reads as a list of ids, at
 * most; above it a page walks the list's order testing each vendor (a filter that one vendor in five
 * passes reads about 100 vendors for a page of 20).
 */
const WALK_ABOVE = 1000;
type FacetFilter = 'dataCategory' | 'country' | 'abroad';
/**
 * Rows that select vendors by key: a term, a facet value, subcontractors in some countries. `rows`
 * SELECTs their `vendorId`; `has` is the same as a condition on a vendor id column.
 */
interface KeyedRows {
  rows: string;
  has: (column: string) => string;
  /** Rows counted at most (the count decides which rows are read first). */
  cap: number;
}
/** A search or facet filter as stored rows: the vendors of any of its branches, each holding every row of its branch. */
type KeyedFilter = KeyedRows[][];
/** How the list reads its search and facet filters (VendorsService.planOf). */
interface ListPlan {
  /** The vendors the search terms and facet filters select together (the LIKE still decides), when WALK_ABOVE or fewer. */
  candidates: string[] | null;
  /** Otherwise, SQLite narrows a search by the two rarest terms of each alternative. */
  searchPairs: Array<[string, string]> | null;
  /** Otherwise, the facet filters a page tests on each vendor in the list's order. */
  walks: ReadonlySet<FacetFilter>;
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
    // The search or facet filters select no vendor: nothing else to read.
    if (plan.candidates?.length === 0) return pageOf([], 0, query);
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
    const plan = await this.planOf(query);
    if (plan.candidates?.length === 0) return [];
    const builder = this.filtered(query, plan, 'all').select('vendor.id', 'id');
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
   * How the list reads what its search and facet filters select, from the stored terms, facets and
   * subcontractors. Each filter is a union of intersections of rows read by key (KeyedFilter); their
   * rows are counted, capped (so deciding costs the same at any register size), and the filter with
   * the fewest drives: its rarest rows are read and every other filter probed per vendor by key. The
   * vendors found, when WALK_ABOVE or fewer, are the candidates: the page and its count read them by
   * id, whatever the engine, and sort them. More (or a driving row count at its cap, when the
   * intersection is unknown): a page is found sooner by walking the list's order and testing each
   * vendor, and the count tests every vendor of the other filters' index.
   */
  private async planOf(query: VendorListFilters): Promise<ListPlan> {
    const parameters: Record<string, unknown> = {};
    const named = (value: unknown) => {
      const name = `keyed${Object.keys(parameters).length}`;
      parameters[name] = value;
      return name;
    };
    const facet = (kind: 'category' | 'location', condition: (name: string) => string, value: unknown): KeyedRows => {
      const where = `facet.kind = '${kind}' AND facet.value ${condition(named(value))}`;
      return { rows: `SELECT facet.vendorId AS vendorId FROM vendor_facets facet WHERE ${where}`, has: (column) => `EXISTS (SELECT 1 FROM vendor_facets facet WHERE facet.vendorId = ${column} AND ${where})`, cap: FACET_COUNT_CAP };
    };
    const subcontracted = (value: VendorListFilterValues['subcontractorCountry']): KeyedRows => {
      const condition = this.dependents.listCondition('subcontractorCountry', value);
      Object.assign(parameters, condition.parameters);
      return { rows: condition.ids!, has: (column) => condition.probe!.replace('vendor.id', column), cap: FACET_COUNT_CAP };
    };
    const terms = new Map<string, KeyedRows>();
    const texts = new Map<KeyedRows, string>();
    const term = (text: string) => {
      if (!terms.has(text)) {
        const name = named(text);
        terms.set(text, { rows: `SELECT term.vendorId AS vendorId FROM vendor_search_terms term WHERE term.term = :${name}`, has: (column) => `EXISTS (SELECT 1 FROM vendor_search_terms term WHERE term.term = :${name} AND term.vendorId = ${column})`, cap: RAREST_COUNT_CAP });
        texts.set(terms.get(text)!, text);
      }
      return terms.get(text)!;
    };

    // The search: per alternative the vendors holding its first terms, or the 法人番号 whole (rules/search-terms.ts).
    const filters: KeyedFilter[] = [];
    const alternatives = query.q ? searchAlternatives(query.q) : null;
    if (alternatives) {
      // An alternative with the same terms as another is read once (a query without legal-form words is its own key).
      const branches = new Map([...alternatives.anyOf.map((grams) => grams.slice(0, TERMS_CONSIDERED)), ...(alternatives.exact === null ? [] : [[alternatives.exact]])]
        .map((texts): [string, KeyedRows[]] => [[...texts].sort().join('\n'), texts.map(term)]));
      filters.push([...branches.values()]);
    }
    // The facets (vendor-index.ts) and, for the countries, the subcontractors in use there.
    const walks = new Set<FacetFilter>();
    if (query.dataCategory?.length) {
      filters.push([[facet('category', (name) => `IN (:...${name})`, query.dataCategory)]]);
      walks.add('dataCategory');
    }
    if (query.country?.length) {
      filters.push([[facet('location', (name) => `IN (:...${name})`, query.country)], [subcontracted({ countries: query.country })]]);
      walks.add('country');
    }
    if (query.abroad === 'true') {
      filters.push([[facet('location', (name) => `<> :${name}`, HOME_COUNTRY)], [subcontracted({ abroad: true })]]);
      walks.add('abroad');
    }
    if (filters.length === 0) return { candidates: null, searchPairs: null, walks };

    // Every row kind counted up to its cap, in one query (a value every vendor holds costs no more than a rare one).
    const parts = [...new Set(filters.flat(2))];
    const counted: Array<{ i: number | string; n: number | string }> = await this.rawQuery(
      parts.map((part, index) => `SELECT ${index} AS i, COUNT(*) AS n FROM (${part.rows} LIMIT ${part.cap}) capped${index}`).join(' UNION ALL '),
      parameters,
    );
    const count = new Map(counted.map((row) => [parts[Number(row.i)], Number(row.n)]));
    const rarest = (branch: KeyedRows[]) => [...branch].sort((one, other) => count.get(one)! - count.get(other)!);
    // A filter whose rarest rows of some branch reached their cap: how many vendors it selects is unknown.
    const unknown = (filter: KeyedFilter) => (filter.some((branch) => count.get(rarest(branch)[0])! >= rarest(branch)[0].cap) ? 1 : 0);
    const size = (filter: KeyedFilter) => filter.reduce((sum, branch) => sum + count.get(rarest(branch)[0])!, 0);
    const [driving, ...probed] = [...filters].sort((one, other) => unknown(one) - unknown(other) || size(one) - size(other));

    // SQLite, without candidates: a search read through the two rarest terms of each alternative (MySQL/MariaDB
    // walk the list's order with a dependent subquery for them, seconds at 100,000 vendors: there the LIKE alone).
    const searchPairs = alternatives && this.isSqlite() ? filters[0].map((branch): [string, string] => {
      const [first, second] = rarest(branch).map((part) => texts.get(part)!);
      return [first, second ?? first];
    }) : null;
    if (unknown(driving)) return { candidates: null, searchPairs, walks };

    const either = (filter: KeyedFilter, column: string) => `(${filter.map((branch) => branch.map((part) => part.has(column)).join(' AND ')).join(' OR ')})`;
    const selects = driving.map((branch, index) => {
      const [first, ...others] = rarest(branch);
      const column = `read${index}.vendorId`;
      const conditions = [...others.map((part) => part.has(column)), ...probed.map((filter) => either(filter, column))];
      return `SELECT ${driving.length === 1 ? 'DISTINCT ' : ''}${column} AS vendorId FROM (${first.rows}) read${index}${conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
    });
    const found: Array<{ vendorId: string }> = await this.rawQuery(`${selects.join(' UNION ')} LIMIT ${WALK_ABOVE + 1}`, parameters);
    return found.length > WALK_ABOVE ? { candidates: null, searchPairs, walks } : { candidates: found.map((row) => row.vendorId), searchPairs: null, walks: new Set() };
  }

  /** A query with named parameters (`:name`, `:...list`), as the query builder writes them for the driver. */
  private rawQuery<T>(sql: string, parameters: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return this.dataSource.query(query, values);
  }

  /**
   * The one query of the vendor list's filters and sort: the API's list, the admin page and the
   * exports all select through it. Every condition reads stored columns (the compliance status and
   * audit dates the engine keeps) or probes another feature's rows by the vendor's key: no vendor is
   * evaluated by the rules here. The candidates of the search and facet filters (planOf), when known,
   * are read by id and stand for those filters; otherwise, for a `page`, a facet filter tests each
   * vendor in the list's order (SQLite: the unary + keeps the planner from reading the vendors through the facets).
   */
  private filtered(query: VendorListFilters, plan: ListPlan, reading: 'page' | 'all'): SelectQueryBuilder<Vendor> {
    const builder = this.dataSource.getRepository(Vendor).createQueryBuilder('vendor');
    const candidates = plan.candidates;
    if (candidates) builder.andWhere('vendor.id IN (:...candidates)', { candidates });
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
      if (plan.searchPairs && !candidates) {
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
    if (query.dataCategory?.length && !candidates) {
      // The vendor's data categories as facet rows (vendor-index.ts), read by (kind, value).
      // On MySQL/MariaDB a common one tests each vendor's JSON (a quoted code matches exactly), as before the facets.
      if (this.isSqlite()) {
        builder.andWhere(`${id('dataCategory')} IN (SELECT category.vendorId FROM vendor_facets category WHERE category.kind = 'category' AND category.value IN (:...dataCategories))`, { dataCategories: query.dataCategory });
      } else {
        builder.andWhere(`(${query.dataCategory.map((_, index) => `vendor.dataCategories LIKE :category${index}`).join(' OR ')})`, Object.fromEntries(query.dataCategory.map((category, index) => [`category${index}`, `%"${category}"%`])));
      }
    }
    if (query.country?.length && !candidates) {
      const countries = query.country;
      const subcontracted = this.dependents.listCondition('subcontractorCountry', { countries });
      // The vendor's own country and its data locations are its 'location' facets (vendor-index.ts).
      const json = ['vendor.country IN (:...countries)', ...countries.map((_, index) => `vendor.dataLocations LIKE :location${index}`)].join(' OR ');
      const locations = Object.fromEntries(countries.map((country, index) => [`location${index}`, `%"${country}"%`]));
      builder.andWhere(locatedIn('country', subcontracted, 'IN (:...countries)', json), { countries, ...locations, ...subcontracted.parameters });
    }
    if (query.abroad === 'false' || (query.abroad === 'true' && !candidates)) {
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
