import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SEARCH_TERM_LENGTH } from '../rules/search-terms';

/**
 * A term a vendor is found by (rules/search-terms.ts: a bigram of its folded name or search key, or
 * its 法人番号): the vendor list's search reads the vendors holding a term through the primary key.
 * Derived from the vendor, written in the transaction that writes it (VendorIndexSubscriber).
 */
@Entity({ name: 'vendor_search_terms' })
@Index('IDX_vendor_search_terms_vendor', ['vendorId'])
export class VendorSearchTerm {
  @PrimaryColumn({ type: 'varchar', length: SEARCH_TERM_LENGTH })
  term!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  vendorId!: string;
}

/** What a facet of the vendor list filters by: a data category, or a country where the vendor or its data locations are. */
export type VendorFacetKind = 'category' | 'location';

/**
 * A value of a vendor's list facet (one row per data category, and per country among its own and
 * its data locations'), so the list's filters on them read an index instead of the JSON of every
 * vendor. Derived like VendorSearchTerm.
 */
@Entity({ name: 'vendor_facets' })
@Index('IDX_vendor_facets_vendor', ['vendorId'])
export class VendorFacet {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  kind!: VendorFacetKind;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  value!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  vendorId!: string;
}
