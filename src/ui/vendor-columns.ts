import { ArrayUnique, IsIn, IsOptional } from 'class-validator';
import { countryName } from '../i18n/countries';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Translator } from '../i18n/translator';
import type { VendorView } from '../vendors/vendor.view';

/** The vendor list's columns a user may choose (the name always comes first), in the order shown. */
export const VENDOR_COLUMNS = [
  'corporateNumber', 'country', 'owner', 'dataCategories', 'relationship', 'status', 'riskTier', 'complianceStatus', 'lastAuditOn', 'nextAuditDue', 'updatedAt',
] as const;
export type VendorColumn = (typeof VENDOR_COLUMNS)[number];

/** Shown when the user has chosen none. */
export const DEFAULT_VENDOR_COLUMNS: readonly VendorColumn[] = ['corporateNumber', 'status', 'riskTier', 'complianceStatus', 'lastAuditOn', 'nextAuditDue', 'updatedAt'];

/** `?columns=` of the vendor list page (repeated, or comma-separated): a bad name is a 400 naming `columns`. */
export class VendorColumnsQuery {
  @IsOptional() @IsIn(VENDOR_COLUMNS, { each: true }) @ArrayUnique()
  columns?: string[];
}

/** The columns asked for, as a list (checkboxes repeat the name; a link may join them with commas). */
export function requestedColumns(raw: unknown): string[] | undefined {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string').flatMap((value) => value.split(','));
  const names = values.map((value) => value.trim()).filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** The chosen columns in the list's order (the default set when none). */
export function chosenColumns(query: VendorColumnsQuery): VendorColumn[] {
  const chosen = new Set(query.columns ?? DEFAULT_VENDOR_COLUMNS);
  return VENDOR_COLUMNS.filter((column) => chosen.has(column));
}

/** One cell of a vendor's row: its text, and the status badge's class for the compliance status. */
export interface VendorCell {
  text: string;
  badge?: string;
}

/** A vendor's cells for the chosen columns, in the user's language (labels, country names, owner by name). */
export function vendorCells(
  vendor: VendorView, columns: readonly VendorColumn[], context: { locale: Locale; translator: Translator; people: Map<string, string>; dateTime: (value: string) => string },
): VendorCell[] {
  const t = (key: string) => context.translator.t(context.locale, key as MessageKey);
  const list = (values: readonly string[]) => values.join(context.locale === 'ja' ? '、' : ', ');
  const cell: Record<VendorColumn, () => VendorCell> = {
    corporateNumber: () => ({ text: vendor.corporateNumber ?? '' }),
    country: () => ({ text: countryName(vendor.country, context.locale) }),
    owner: () => ({ text: vendor.ownerEmail ? context.people.get(vendor.ownerEmail) ?? vendor.ownerName ?? vendor.ownerEmail : '' }),
    dataCategories: () => ({ text: list(vendor.dataCategories.map((category) => t(`dataCategory.${category}`))) }),
    relationship: () => ({ text: t(`ui.enum.relationship.${vendor.relationship}`) }),
    status: () => ({ text: t(`ui.enum.vendorStatus.${vendor.status}`) }),
    riskTier: () => ({ text: t(`ui.enum.riskTier.${vendor.riskTier}`) }),
    complianceStatus: () => ({ text: t(`ui.enum.complianceStatus.${vendor.complianceStatus}`), badge: `status-${vendor.complianceStatus}` }),
    lastAuditOn: () => ({ text: vendor.lastAuditOn ?? '' }),
    nextAuditDue: () => ({ text: vendor.nextAuditDue ?? '' }),
    updatedAt: () => ({ text: context.dateTime(vendor.updatedAt) }),
  };
  return columns.map((column) => cell[column]());
}
