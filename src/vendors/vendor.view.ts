import { Translator } from '../i18n/translator';
import { RiskReason } from '../rules/risk-tier';
import { Locale } from '../i18n/locale';
import { Vendor } from './vendor.entity';

/** What the API shows of a vendor (its Vendor schema), with the risk tier explained in the caller's language. */
export interface VendorView {
  id: string;
  name: string;
  reading: string | null;
  corporateNumber: string | null;
  country: string;
  dataLocations: string[];
  services: string;
  dataCategories: string[];
  dataSubjectCount: number | null;
  reentrustmentAllowed: boolean;
  gdprApplies: boolean;
  relationship: string;
  transferBasis: string | null;
  subcontractorApproval: string;
  ownerEmail: string | null;
  ownerName: string | null;
  status: string;
  activeSince: string | null;
  riskTier: string;
  riskTierComputed: string;
  riskTierReasons: RiskReason[];
  riskTierReason: string;
  riskTierOverride: string | null;
  riskTierOverrideReason: string | null;
  complianceStatus: string;
  /** The last completed audit, and when the next one is due (null when not supervised): stored by the compliance engine with the status. */
  lastAuditOn: string | null;
  nextAuditDue: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toVendorView(vendor: Vendor, locale: Locale, translator: Translator): VendorView {
  return {
    id: vendor.id,
    name: vendor.name,
    reading: vendor.reading,
    corporateNumber: vendor.corporateNumber,
    country: vendor.country,
    dataLocations: vendor.dataLocations,
    services: vendor.services,
    dataCategories: vendor.dataCategories,
    dataSubjectCount: vendor.dataSubjectCount,
    reentrustmentAllowed: vendor.reentrustmentAllowed,
    gdprApplies: vendor.gdprApplies,
    relationship: vendor.relationship,
    transferBasis: vendor.transferBasis,
    subcontractorApproval: vendor.subcontractorApproval,
    ownerEmail: vendor.ownerEmail,
    ownerName: vendor.ownerName,
    status: vendor.status,
    activeSince: vendor.activeSince,
    riskTier: vendor.riskTier,
    riskTierComputed: vendor.riskTierComputed,
    riskTierReasons: vendor.riskTierReasons,
    riskTierReason: explainRiskTier(vendor, locale, translator),
    riskTierOverride: vendor.riskTierOverride,
    riskTierOverrideReason: vendor.riskTierOverrideReason,
    complianceStatus: vendor.complianceStatus,
    lastAuditOn: vendor.lastAuditOn,
    nextAuditDue: vendor.nextAuditDue,
    version: vendor.version,
    createdAt: vendor.createdAt.toISOString(),
    updatedAt: vendor.updatedAt.toISOString(),
  };
}

export function explainRiskTier(vendor: Vendor, locale: Locale, translator: Translator): string {
  const tier = translator.t(locale, `riskTier.${vendor.riskTier}`);
  if (vendor.riskTierOverride && vendor.riskTierOverrideReason) {
    const computed = translator.t(locale, `riskTier.${vendor.riskTierComputed}`);
    return translator.t(locale, 'riskTier.overridden', { tier, computed, reason: vendor.riskTierOverrideReason });
  }
  const reasons = vendor.riskTierReasons.map((reason) => explainRiskReason(reason, locale, translator));
  return translator.t(locale, 'riskTier.summary', { tier, reasons: translator.list(locale, reasons) });
}

/** One reason of a computed risk tier, in the reader's language. */
export function explainRiskReason(reason: RiskReason, locale: Locale, translator: Translator): string {
  switch (reason.code) {
    case 'data-category':
      return translator.t(locale, 'riskReason.data-category', { category: translator.t(locale, `dataCategory.${reason.category}`) });
    case 'subjects-over':
      return translator.t(locale, 'riskReason.subjects-over', { threshold: translator.number(locale, reason.threshold) });
    case 'abroad':
      return translator.t(locale, 'riskReason.abroad');
    case 'no-risk-factor':
      return translator.t(locale, 'riskReason.no-risk-factor');
  }
}
