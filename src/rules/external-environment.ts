import { Applicability } from './applicability';
import { Binding } from './basis';
import { bindingFor, SUPERVISED } from './flags';
import { foreignHandlingCountries, VendorFacts, VendorStatus } from './vendor-facts';

/**
 * 外的環境の把握 (通則GL 10-7; APPI Art. 32(1)(4), Cabinet Order Art. 10(i); Q&A 9-4, 10-25): the
 * countries other than Japan where a vendor handles the company's personal data, when the duty binds
 * for that vendor: a vendor in use (active or offboarding) that is entrusted with the data or is a
 * cloud service without handling (the catalogue's `appi.external-environment` row decides which).
 * Both the `external-environment-missing` flag and the published list of countries ask this one rule.
 */
export function externalEnvironmentScope(
  vendor: Pick<VendorFacts, 'country' | 'dataLocations' | 'subcontractorCountries'> & { status: VendorStatus },
  applicability: Applicability,
): { countries: string[]; requirementIds: string[]; binding: Binding } | null {
  if (!SUPERVISED.includes(vendor.status)) return null;
  const requirementIds = applicability.citing('duty:external-environment');
  const binding = bindingFor(applicability, requirementIds);
  return binding ? { countries: foreignHandlingCountries(vendor), requirementIds, binding } : null;
}

/** A review of foreign regimes on record (a `foreign-regime` assessment) and the countries it covers. */
export interface RegimeReview {
  completedOn: string;
  countries: readonly string[];
}

/** A vendor in the disclosure: the countries externalEnvironmentScope() gives for it. */
export interface HandlingVendor {
  id: string;
  name: string;
  countries: readonly string[];
}

/** A country where personal data is handled, the last review of its regime (null: none on record) and the vendors that handle data there. */
export interface HandlingCountry {
  country: string;
  reviewedOn: string | null;
  vendors: Array<{ id: string; name: string }>;
}

const NAME_ORDER = new Intl.Collator('ja');

/**
 * The countries to name in the statement of security measures (APPI Art. 32(1)(4)), as they stood on
 * `asOf`: every country any vendor handles the data in, in code order, with the latest review of its
 * regime completed by then (whichever vendor's review covered it: the regime is the country's, not
 * the vendor's) and the vendors that bring it in, by name.
 */
export function foreignHandlingDisclosure(vendors: readonly HandlingVendor[], reviews: readonly RegimeReview[], asOf: string): HandlingCountry[] {
  const reviewedOn = new Map<string, string>();
  for (const review of reviews) {
    if (review.completedOn > asOf) continue;
    for (const country of review.countries) {
      const known = reviewedOn.get(country);
      // Stryker disable next-line EqualityOperator: equivalent, an equal date sets the same date
      if (known === undefined || review.completedOn > known) reviewedOn.set(country, review.completedOn);
    }
  }
  const byCountry = new Map<string, HandlingCountry>();
  for (const vendor of vendors) {
    for (const country of new Set(vendor.countries)) {
      let entry = byCountry.get(country);
      if (!entry) byCountry.set(country, (entry = { country, reviewedOn: reviewedOn.get(country) ?? null, vendors: [] }));
      entry.vendors.push({ id: vendor.id, name: vendor.name });
    }
  }
  // Stryker disable next-line EqualityOperator: equivalent, the keys of a map never compare equal
  const countries = [...byCountry.values()].sort((a, b) => (a.country < b.country ? -1 : 1));
  // Stryker disable next-line EqualityOperator: equivalent, a vendor's id is unique
  for (const entry of countries) entry.vendors.sort((a, b) => NAME_ORDER.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
  return countries;
}
