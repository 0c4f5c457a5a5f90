import { Translator } from '../i18n/translator';
import { MessageKey } from '../i18n/messages';
import { Catalogue } from '../rules/applicability';
import { Basis } from '../rules/basis';
import { citationsOf, joinCitations, Reference, referenceIndex } from '../rules/citations';
import { Condition } from '../rules/clause-types';
import { RuleFlag } from '../rules/flags';
import { Locale } from '../i18n/locale';
import { countryName } from '../i18n/countries';
import { wallClockText } from '../i18n/date-time';

/** The API's Flag, with the message in the caller's language. */
export interface FlagView {
  code: string;
  severity: string;
  /** How binding the unmet requirement is: statute, guideline, policy, certification or recommended (legal-model.md §2). */
  basis: Basis;
  vendorId: string;
  message: string;
  clauseType?: string;
  requirementIds: string[];
  /** The references of those requirements, in the caller's language (「個人情報保護法第28条第1項」, "APPI Art. 28(1)"). */
  references: string[];
  dueDate?: string;
  refType?: string;
  refId?: string;
}

/** What each flag's "required" sentence is about, by code (and variant): `flagSubject.<key>`. */
const SUBJECTS: Readonly<Record<string, string>> = {
  'no-contract': 'no-contract',
  'missing-clause': 'clause',
  'partial-clause': 'clause',
  'contract-expiring': 'no-contract',
  'selection-missing': 'selection',
  'selection-incomplete': 'selection-items',
  'audit-overdue': 'audit',
  'audit-due-soon': 'audit',
  'finding-overdue': 'finding',
  'subcontractor-unapproved.pending': 'subcontractor-approval',
  'subcontractor-unapproved.objected': 'subcontractor-objected',
  'subcontractor-unapproved.not-allowed': 'subcontractor-not-allowed',
  'subcontractor-objection-open': 'subcontractor-objection',
  'certificate-expired': 'certificate',
  'foreign-review-overdue': 'foreign-review',
  'transfer-basis-missing': 'transfer-basis',
  'external-environment-missing': 'external-environment',
  'deletion-certificate-missing': 'deletion-certificate',
  'retention-period-missing': 'retention-period',
};

/**
 * Renders rule flags: every message says what is missing, how binding the requirement is — worded
 * by its basis, 「…が必要です(法令上の義務: …)」 or 「…が望ましいとされています(…)」 — and the law
 * behind it, cited through rules/citations.ts (no URL, no label, no unverified number, no code).
 */
export class FlagRenderer {
  private readonly references: ReadonlyMap<string, readonly Reference[]>;

  constructor(
    private readonly catalogue: Catalogue & { requirements: ReadonlyArray<{ id: string; references: readonly Reference[] }> },
    private readonly translator: Translator,
  ) {
    this.references = referenceIndex(catalogue.requirements);
  }

  /** The citations of some requirements in a locale (each once, in order). */
  citations(requirementIds: readonly string[], locale: Locale): string[] {
    return citationsOf(requirementIds, this.references, locale);
  }

  render(flag: RuleFlag, vendorId: string, locale: Locale): FlagView {
    const references = this.citations(flag.requirementIds, locale);
    return {
      code: flag.code,
      severity: flag.severity,
      basis: flag.basis,
      vendorId,
      message: this.message(flag, references, locale),
      ...(flag.clauseType ? { clauseType: flag.clauseType } : {}),
      requirementIds: flag.requirementIds,
      references,
      ...(flag.dueDate ? { dueDate: flag.dueDate } : {}),
      ...(flag.refType ? { refType: flag.refType, refId: flag.refId } : {}),
    };
  }

  private message(flag: RuleFlag, citations: string[], locale: Locale): string {
    const t = (key: string, params: Record<string, string | number> = {}) => this.translator.t(locale, key as MessageKey, params);
    const references = joinCitations(citations, locale);
    const subjectKey = SUBJECTS[`${flag.code}.${flag.variant}`] ?? SUBJECTS[flag.code];
    const need = subjectKey
      ? t(citations.length > 0 ? `need.${flag.basis}` : `needPlain.${flag.basis}`, { subject: t(`flagSubject.${subjectKey}`), references })
      : '';
    const params: Record<string, string | number> = { ...stringParams(flag.params), references, need, date: flag.dueDate ?? '' };
    switch (flag.code) {
      case 'missing-clause':
      case 'partial-clause': {
        const clauseType = this.catalogue.clauseTypes.find((definition) => definition.code === flag.clauseType);
        params.clause = clauseType ? t('clauseTitle', { ja: clauseType.titleJa, en: clauseType.titleEn }) : '';
        params.contracts = this.translator.list(locale, (flag.params.contracts as string[]).map((title) => t('quoted', { text: title })));
        params.because = t(`because.${flag.params.condition as Condition}`);
        return t(flag.code === 'partial-clause' ? 'flag.partial-clause' : `flag.missing-clause.${flag.variant === 'missing' ? 'missing' : 'not-reviewed'}`, params);
      }
      case 'contract-expiring':
        return t(flag.params.noticeBy ? 'flag.contract-expiring.withNotice' : 'flag.contract-expiring.plain', params);
      case 'selection-incomplete':
        params.items = this.translator.list(locale, (flag.params.items as string[]).map((code) => t(`selectionItem.${code}`)));
        return t('flag.selection-incomplete', params);
      case 'external-environment-missing':
        params.countries = this.translator.list(locale, (flag.params.countries as string[]).map((code) => countryWithCode(code, locale)));
        return t('flag.external-environment-missing', params);
      case 'transfer-basis-missing':
        params.country = countryWithCode(String(flag.params.country), locale);
        return t('flag.transfer-basis-missing', params);
      case 'incident-report-due':
      case 'incident-report-overdue': {
        // 漏えい等 (rules/incident-flags.ts): the obligation, its addressee and its sources, in the caller's language.
        const authority = String(flag.params.authority);
        const bureau = /^telecom-bureau:(.+)$/.exec(authority);
        return t(`flag.${flag.code}.${flag.variant}`, {
          title: String(flag.params.title),
          obligation: t(`incident.obligation.${flag.params.obligation}`),
          authority: bureau ? t(`telecomBureau.${bureau[1]}`) : t(`incident.authority.${authority}`),
          dueAt: wallClockText(String(flag.params.dueAt), locale),
          hours: Number(flag.params.hours),
          basis: joinCitations((flag.params.basis as string[]).map((code) => t(`incident.reference.${code}`)), locale),
        });
      }
      default:
        if (flag.params.tier) params.tier = t(`riskTier.${flag.params.tier}`);
        if (flag.params.severity) params.severity = t(`findingSeverity.${flag.params.severity}`);
        if (flag.params.kind) params.kind = t(`certificateKind.${flag.params.kind}`);
        return t(flag.variant ? `flag.${flag.code}.${flag.variant}` : `flag.${flag.code}`, params);
    }
  }
}

/** A country as the locale names it (i18n/countries.ts), with its code: 「シンガポール(SG)」, "Singapore (SG)". */
function countryWithCode(code: string, locale: Locale): string {
  const name = countryName(code, locale);
  return name === code ? code : locale === 'ja' ? `${name}(${code})` : `${name} (${code})`;
}

function stringParams(params: RuleFlag['params']): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value]));
}
