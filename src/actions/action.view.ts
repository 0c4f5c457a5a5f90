import { Translator } from '../i18n/translator';
import { Locale } from '../i18n/locale';
import { MessageKey } from '../i18n/messages';
import { Action, ActionPage } from '../rules/actions';

/** The API's action: the rule's action, its line in the caller's language and the admin UI page that fixes it. */
export interface ActionView extends Action {
  message: string;
  href: string;
}

const PAGES: Readonly<Record<ActionPage, (id: string) => string>> = {
  vendor: (id) => `/vendors/${id}`,
  'vendor-edit': (id) => `/vendors/${id}/edit`,
  'new-contract': (id) => `/vendors/${id}/contracts/new`,
  contract: (id) => `/contracts/${id}`,
  'new-assessment': (id) => `/vendors/${id}/assessments/new`,
  'new-audit': (id) => `/vendors/${id}/audits/new`,
  audit: (id) => `/audits/${id}/edit`,
  findings: () => '/findings?status=open',
  'new-certificate': (id) => `/vendors/${id}/certificates/new`,
  'new-deletion-certificate': (id) => `/vendors/${id}/deletion-certificates/new`,
  incident: (id) => `/incidents/${id}`,
  questionnaire: (id) => `/questionnaires/${id}`,
};

const DETAIL_ORDER = ['not-reviewed', 'missing', 'partial'] as const;
/** Flags of a review that are no clause type: named by their flag label after the clause counts (「保存期間の記録なし」). */
const DETAIL_CODES = ['retention-period-missing'] as const;

export function hrefOf(target: Action['target']): string {
  return PAGES[target.page](target.id);
}

/** Renders an action's line: what to do, about what, and for a review how many clause types are open (and whether the retention period is missing). */
export function renderAction(action: Action, locale: Locale, translator: Translator): ActionView {
  return { ...action, message: messageOf(action, locale, translator), href: hrefOf(action.target) };
}

function messageOf(action: Action, locale: Locale, t: Translator): string {
  if (action.kind === 'review-contract') {
    const details = t.list(locale, [
      ...DETAIL_ORDER.filter((variant) => action.variants[variant]).map((variant) => t.t(locale, `action.detail.${variant}`, { n: action.variants[variant] })),
      ...DETAIL_CODES.filter((code) => action.flagCodes.includes(code)).map((code) => t.t(locale, `ui.enum.flagCode.${code}`)),
    ]);
    return action.subject === null
      ? t.t(locale, 'action.message.review-contract-several', { details })
      : t.t(locale, 'action.message.review-contract', { contract: action.subject, details });
  }
  return t.t(locale, `action.message.${action.kind}` as MessageKey, { subject: action.subject ?? '' });
}
