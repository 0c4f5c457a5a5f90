import { Injectable } from '@nestjs/common';
import { EntityManager, ObjectLiteral } from 'typeorm';

/** Records of one kind that a feature keeps about a vendor, e.g. `{ field: 'contracts', kind: 'contract', count: 2 }`. */
export interface KeptRecords {
  /** The field a refusal names: `contracts` for contracts, `records` for the rest. */
  field: string;
  kind: KeptRecordKind;
  count: number;
}

/** The kinds of record that keep their vendor (each has its plural in the catalogue, error.records). */
export type KeptRecordKind = 'contract' | 'assessment' | 'audit' | 'subcontractor' | 'certificate' | 'deletion-certificate' | 'questionnaire' | 'contact' | 'incident';

type KeptRecordCounter = (manager: EntityManager, vendorId: string) => Promise<KeptRecords[]>;
/** Throws the refusal (a ConflictError) when a candidate may not become active yet. */
type ActivationCheck = (manager: EntityManager, vendorId: string) => Promise<void>;
/**
 * A condition on the vendor list (its rows are `vendor`) for a filter's value, with its parameters,
 * and how many vendors it selects when it is the list's only filter, if the feature keeps that
 * count (then the list's total costs no count of rows).
 */
export type VendorListCondition<V = string> = (value: V) => {
  where: string;
  parameters: ObjectLiteral;
  count?: () => Promise<number>;
  /** The same condition as a probe by the vendor's key (MySQL/MariaDB read an OR of `IN (subquery)` by materialising each, for every vendor). */
  probe?: string;
};
/** The filters other features answer, and the value each takes. */
export interface VendorListFilterValues {
  /** Has a stored flag of this code today. */
  flag: string;
  /** Has a subcontractor in use in one of these countries, or (abroad) in a country other than Japan. */
  subcontractorCountry: { countries: readonly string[] } | { abroad: true };
  /** Its contracts on `asOf`: none in force, one in force, or one in force that ends by `until` without renewing. */
  contract: { state: 'none' | 'in-force' | 'expiring'; asOf: string; until: string };
}
/** How many vendors there are of a compliance status and of a risk tier (either or both left open), from counts a feature keeps. */
export type VendorCounter = (cell: { complianceStatus?: string; riskTier?: string }) => Promise<number>;
/** Countries (other than the vendor's own) where some vendors' data is handled on their behalf, by vendor id. */
type HandlingCountries = (manager: EntityManager, vendorIds: readonly string[]) => Promise<Map<string, string[]>>;

/**
 * What the features built on the register hold about a vendor, asked by VendorsService before it
 * deletes or activates one, or when its list filters by it (the compliance engine's stored flags):
 * those features register their questions here at start (they import the vendors feature; the
 * vendors feature imports none of them).
 */
@Injectable()
export class VendorDependents {
  private readonly counters: KeptRecordCounter[] = [];
  private readonly activationChecks: ActivationCheck[] = [];
  private readonly listConditions = new Map<string, VendorListCondition<never>>();
  private readonly handlingCountries: HandlingCountries[] = [];
  private vendorCounter?: VendorCounter;

  /** Records that are evidence and therefore keep their vendor (only a candidate with no records is deleted). */
  keepsVendor(counter: KeptRecordCounter): void {
    this.counters.push(counter);
  }

  /** A reason a candidate may not become active (e.g. its selection assessment rejected it). */
  checksActivation(check: ActivationCheck): void {
    this.activationChecks.push(check);
  }

  /** A filter of the vendor list that another feature answers (e.g. `flag`: has a stored flag of that code). */
  filtersList<K extends keyof VendorListFilterValues>(filter: K, condition: VendorListCondition<VendorListFilterValues[K]>): void {
    this.listConditions.set(filter, condition as VendorListCondition<never>);
  }

  /** Counts of the vendors by compliance status and risk tier that a feature keeps (the compliance engine, which stores both). */
  countsVendors(counter: VendorCounter): void {
    this.vendorCounter = counter;
  }

  /** The kept count of the vendors of this compliance status and tier, or undefined when no feature keeps one. */
  vendorCount(cell: { complianceStatus?: string; riskTier?: string }): Promise<number> | undefined {
    return this.vendorCounter?.(cell);
  }

  /** Countries where others handle a vendor's data for it (its subcontractors): foreign handling counts them (legal-model.md §3.2). */
  handlesIn(provider: HandlingCountries): void {
    this.handlingCountries.push(provider);
  }

  /** The countries of the vendors' subcontractors in use, by vendor id (every vendor given has an entry). */
  async subcontractorCountries(manager: EntityManager, vendorIds: readonly string[]): Promise<Map<string, string[]>> {
    const countries = new Map(vendorIds.map((id) => [id, [] as string[]]));
    for (const provider of this.handlingCountries) {
      for (const [vendorId, found] of await provider(manager, vendorIds)) countries.get(vendorId)?.push(...found);
    }
    return new Map([...countries].map(([id, list]) => [id, [...new Set(list)]]));
  }

  listCondition<K extends keyof VendorListFilterValues>(filter: K, value: VendorListFilterValues[K]): ReturnType<VendorListCondition> {
    const condition = this.listConditions.get(filter) as VendorListCondition<VendorListFilterValues[K]> | undefined;
    if (!condition) throw new Error(`no feature answers the vendor list filter ${filter}`);
    return condition(value);
  }

  /** The kept records of a vendor, in the order the features registered (contracts first: their module comes first). */
  async keptRecords(manager: EntityManager, vendorId: string): Promise<KeptRecords[]> {
    const kept: KeptRecords[] = [];
    for (const counter of this.counters) kept.push(...(await counter(manager, vendorId)).filter((records) => records.count > 0));
    return kept;
  }

  async checkActivation(manager: EntityManager, vendorId: string): Promise<void> {
    for (const check of this.activationChecks) await check(manager, vendorId);
  }
}
