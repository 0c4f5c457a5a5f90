import { Contract } from '../contracts/contract.entity';
import { Vendor } from '../vendors/vendor.entity';
import { registerColumn, ReportProblem, VendorGroup } from './import-rows';

/**
 * Existing vendors for the file's groups: by 法人番号, else by exact name (a same-named vendor with
 * another 法人番号 is another vendor; an unnumbered one by that name gets the number). `registered`
 * are the stored vendors with one of the file's numbers or names. Sets each group's `existing`.
 */
export function matchVendors(groups: VendorGroup[], registered: Vendor[], report: ReportProblem): void {
  const wanted = new Set(groups.map((group) => group.input.name));
  const byNumber = new Map<string, Vendor>();
  const byName = new Map<string, Vendor[]>();
  // A vendor found both by its number and by its name is one vendor.
  for (const vendor of new Map(registered.map((found) => [found.id, found])).values()) {
    if (vendor.corporateNumber) byNumber.set(vendor.corporateNumber, vendor);
    // MySQL's collation compares names case- and width-insensitively: the rule is the exact name.
    if (wanted.has(vendor.name)) byName.set(vendor.name, [...(byName.get(vendor.name) ?? []), vendor]);
  }
  const claimedBy = new Map<string, VendorGroup>();
  for (const group of groups) {
    const named = byName.get(group.input.name) ?? [];
    let match: Vendor | null = null;
    if (group.input.corporateNumber) {
      match = byNumber.get(group.input.corporateNumber) ?? null;
      if (!match) {
        const unnumbered = named.filter((vendor) => vendor.corporateNumber === null);
        if (unnumbered.length === 1) match = unnumbered[0];
      }
    } else if (named.length === 1) {
      match = named[0];
    } else if (named.length > 1) {
      report(group.source.get('name') ?? group.rows[0], registerColumn('name'), { key: 'importError.ambiguousName', params: { count: named.length } });
    }
    if (!match) continue;
    const other = claimedBy.get(match.id);
    if (other) {
      report(group.rows[0], registerColumn('name'), { key: 'importError.sameRegisteredVendor', params: { row: other.rows[0].number } });
      continue;
    }
    claimedBy.set(match.id, group);
    group.existing = match;
  }
}

/** The stored contracts of the matched vendors by vendor and exact title (a contract is matched by both). */
export function contractsByTitle(contracts: Contract[]): Map<string, Contract[]> {
  const byTitle = new Map<string, Contract[]>();
  for (const contract of contracts) {
    const key = `${contract.vendorId}|${contract.title}`;
    byTitle.set(key, [...(byTitle.get(key) ?? []), contract]);
  }
  return byTitle;
}
