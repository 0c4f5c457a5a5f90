import { Translator } from '../i18n/translator';
import { MessageKey } from '../i18n/messages';
import { Catalogue } from '../rules/applicability';
import { citationIndex, citationsOf, joinCitations } from '../rules/citations';
import { Condition } from '../rules/clause-types';
import { RuleFlag } from '../rules/flags';
import { Locale } from '../i18n/locale';

/** The API's Flag, with the message in the caller's language. */
export interface FlagView {
  code: string;
  severity: string;
  vendorId: string;
  message: string;
  clauseType?: string;
  requirementIds: string[];
  dueDate?: string;
  refType?: string;
  refId?: string;
}

/** Renders rule flags: every message names what is missing, why it is required and the law behind it. */
export class FlagRenderer {
  private readonly citations: ReadonlyMap<string, string>;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly translator: Translator,
  ) {
    this.citations = citationIndex(catalogue.requirements);
  }

  render(flag: RuleFlag, vendorId: string, locale: Locale): FlagView {
    return {
      code: flag.code,
      severity: flag.severity,
      vendorId,
      message: this.message(flag, locale),
      ...(flag.clauseType ? { clauseType: flag.clauseType } : {}),
      requirementIds: flag.requirementIds,
      ...(flag.dueDate ? { dueDate: flag.dueDate } : {}),
      ...(flag.refType ? { refType: flag.refType, refId: flag.refId } : {}),
    };
  }

  private message(flag: RuleFlag, locale: Locale): string {
    const t = this.translator;
    const references = joinCitations(citationsOf(flag.requirementIds, this.citations));
    switch (flag.code) {
      case 'missing-clause':
      case 'partial-clause': {
        const clauseType = this.catalogue.clauseTypes.find((definition) => definition.code === flag.clauseType);
        const params = {
          clause: clauseType ? t.t(locale, 'clauseTitle', { ja: clauseType.titleJa, en: clauseType.titleEn }) : String(flag.clauseType),
          contracts: t.list(locale, (flag.params.contracts as string[]).map((title) => t.t(locale, 'quoted', { text: title }))),
          because: t.t(locale, `because.${flag.params.condition as Condition}`),
          // No catalogue requirement cites this clause type for this vendor: its own references (rules/clause-types.ts) still do.
          references: joinCitations(citationsOf(flag.requirementIds, this.citations, clauseType?.references)),
        };
        const key = flag.code === 'partial-clause' ? 'flag.partial-clause' : `flag.missing-clause.${flag.variant === 'missing' ? 'missing' : 'not-reviewed'}`;
        return t.t(locale, key as MessageKey, params);
      }
      case 'contract-expiring':
        return t.t(locale, flag.params.noticeBy ? 'flag.contract-expiring.withNotice' : 'flag.contract-expiring.plain', {
          contract: String(flag.params.contract),
          date: flag.dueDate ?? '',
          days: Number(flag.params.days),
          noticeBy: String(flag.params.noticeBy ?? ''),
          references,
        });
      case 'incident-report-due':
      case 'incident-report-overdue': {
        // 漏えい等 (rules/incident-flags.ts): the obligation, its addressee and its sources, in the caller's language.
        const authority = String(flag.params.authority);
        const bureau = /^telecom-bureau:(.+)$/.exec(authority);
        return t.t(locale, `flag.${flag.code}.${flag.variant}` as MessageKey, {
          title: String(flag.params.title),
          obligation: t.t(locale, `incident.obligation.${flag.params.obligation}` as MessageKey),
          authority: bureau ? t.t(locale, `telecomBureau.${bureau[1]}` as MessageKey) : t.t(locale, `incident.authority.${authority}` as MessageKey),
          dueAt: String(flag.params.dueAt),
          hours: Number(flag.params.hours),
          basis: joinCitations((flag.params.basis as string[]).map((code) => t.t(locale, `incident.reference.${code}` as MessageKey))),
        });
      }
      default: {
        const params: Record<string, string | number> = { ...stringParams(flag.params), references, date: flag.dueDate ?? '' };
        if (flag.params.tier) params.tier = t.t(locale, `riskTier.${flag.params.tier}` as MessageKey);
        if (flag.params.severity) params.severity = t.t(locale, `findingSeverity.${flag.params.severity}` as MessageKey);
        if (flag.params.kind) params.kind = t.t(locale, `certificateKind.${flag.params.kind}` as MessageKey);
        return t.t(locale, (flag.variant ? `flag.${flag.code}.${flag.variant}` : `flag.${flag.code}`) as MessageKey, params);
      }
    }
  }
}

function stringParams(params: RuleFlag['params']): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value]));
}
