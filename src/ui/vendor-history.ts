import { MessageKey } from '../i18n/messages';
import { Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';
import { RiskReason } from '../rules/risk-tier';
import { explainRiskReason } from '../vendors/vendor.view';
import { countriesFieldText, countryFieldText } from './country-fields';

/**
 * A vendor's audit trail as people read it: field labels, values as the UI shows them (はい/いいえ,
 * 取引中, 顧客の個人情報, 日本, the risk tier's reasons as sentences) and people by name, never
 * codes, booleans or JSON. The trail itself keeps the raw values (the API serves them).
 */
export interface HistoryContext {
  locale: Locale;
  translator: Translator;
  /** Display names by e-mail address (users); an address that is no user is shown as it is. */
  names: Map<string, string>;
}

const ENUM_LABELS: Record<string, string> = {
  status: 'ui.enum.vendorStatus',
  riskTier: 'ui.enum.riskTier',
  riskTierComputed: 'ui.enum.riskTier',
  riskTierOverride: 'ui.enum.riskTier',
  complianceStatus: 'ui.enum.complianceStatus',
  relationship: 'ui.enum.relationship',
  transferBasis: 'ui.enum.transferBasis',
  subcontractorApproval: 'ui.enum.subcontractorApproval',
};

/** The field's label: the trail's own (computed fields) or the form's. */
export function historyFieldLabel(field: string, ctx: HistoryContext): string {
  for (const key of [`ui.vendors.trailFields.${field}`, `ui.vendors.${field}`]) {
    const text = ctx.translator.t(ctx.locale, key as MessageKey);
    if (text !== key) return text;
  }
  return field;
}

/** A person: their display name when they are a user, else the address. */
export function personName(email: string | null, ctx: HistoryContext): string | null {
  return email === null ? null : ctx.names.get(email) ?? email;
}

/** A stored value as the UI shows it. */
export function historyValue(field: string, value: unknown, ctx: HistoryContext): string {
  const t = (key: string, params?: Record<string, string | number>) => ctx.translator.t(ctx.locale, key as MessageKey, params);
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('ui.common.none');
  if (typeof value === 'boolean') return t(value ? 'ui.common.yes' : 'ui.common.no');
  const list = (items: string[]) => ctx.translator.list(ctx.locale, items);
  if (ENUM_LABELS[field]) return t(`${ENUM_LABELS[field]}.${String(value)}`);
  switch (field) {
    case 'dataCategories':
      return list((value as string[]).map((category) => t(`dataCategory.${category}`)));
    case 'country':
      return countryFieldText(String(value), ctx.locale);
    case 'dataLocations':
      return countriesFieldText(value as string[], ctx.locale);
    case 'riskTierReasons':
      return list((value as RiskReason[]).map((reason) => explainRiskReason(reason, ctx.locale, ctx.translator)));
    case 'ownerEmail':
      return personName(String(value), ctx)!;
    case 'dataSubjectCount':
      return ctx.translator.number(ctx.locale, Number(value));
    default:
      return Array.isArray(value) ? list(value.map(String)) : String(value);
  }
}
