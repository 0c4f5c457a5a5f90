import type { Locale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import type { Translator } from '../i18n/translator';
import type { LifecycleKind, LifecycleStatus } from '../rules/lifecycles';
import { ErrorCode, isValidationCode } from './error-codes';

/**
 * A value a problem's message shows: as given (a name, a date, an id, a number), a catalogue term
 * rendered in the reader's language (a status, a record kind), text that data carries in both
 * languages (a clause type's title), or a list of these.
 */
export type ProblemValue = string | number | Term | Bilingual;
export type ProblemParam = ProblemValue | readonly ProblemValue[];
export type ProblemParams = Readonly<Record<string, ProblemParam>>;

export interface Term {
  readonly term: MessageKey;
  readonly params?: ProblemParams;
}

export interface Bilingual {
  readonly ja: string;
  readonly en: string;
}

/** One thing wrong with a request: which field (if one), why (a code) and the values its message shows. */
export interface Problem {
  /** The input field, a dotted path for nested input (`items.0.code`); none for the request as a whole. */
  readonly field?: string;
  readonly code: ErrorCode;
  readonly params?: ProblemParams;
}

/** A catalogue term as a problem's value: `term('ui.enum.auditStatus.completed')`. */
export function term(key: MessageKey, params?: ProblemParams): Term {
  return params ? { term: key, params } : { term: key };
}

/** The label key of every status of every lifecycle (ui.enum.<kind>Status.<status>). */
type StatusLabelKey = { [K in LifecycleKind]: `ui.enum.${K}Status.${LifecycleStatus<K>}` }[LifecycleKind];
/** Fails the type check when a lifecycle status has no label in the catalogue. */
const everyStatusLabelled: StatusLabelKey extends MessageKey ? true : never = true;
void everyStatusLabelled;

/** A lifecycle status as a term: its label in the reader's language. */
export function statusTerm<K extends LifecycleKind>(kind: K, status: LifecycleStatus<K>): Term {
  // The template type of a generic kind cannot be narrowed; the assertion above checks every pair.
  return term(`ui.enum.${kind}Status.${status}` as StatusLabelKey);
}

/** The catalogue key of a code's message. */
export function messageKeyOf(code: ErrorCode): MessageKey {
  return isValidationCode(code) ? code : `error.${code}`;
}

/** Renders problems in one language: the reason alone, or "field: reason" as the JSON API shows it. */
export class ProblemRenderer {
  constructor(
    private readonly translator: Translator,
    readonly locale: Locale,
  ) {}

  /** The reason, without the field: what a form shows beside the field. */
  reason(problem: Problem): string {
    return this.message(messageKeyOf(problem.code), problem.params);
  }

  /** "field: reason" (api.md), or the reason alone for a problem of the request as a whole. */
  line(problem: Problem): string {
    const reason = this.reason(problem);
    return problem.field ? `${problem.field}: ${reason}` : reason;
  }

  /**
   * The reason as a page shows it: the page's own wording (`error.onPage.<code>`) where the API's
   * names the API's mechanics (a multipart field), else the reason.
   */
  pageReason(problem: Problem): string {
    const key = `error.onPage.${problem.code}`;
    return this.translator.has(key) ? this.message(key, problem.params) : this.reason(problem);
  }

  /**
   * "label: reason" with the field's label in the reader's language where the catalogue has one
   * (`error.field.<name>`), else the reason alone: what a page lists away from the form.
   */
  labelled(problem: Problem): string {
    const reason = this.pageReason(problem);
    const key = problem.field ? `error.field.${problem.field.split('.')[0]}` : null;
    return key && this.translator.has(key) ? `${this.translator.t(this.locale, key)}: ${reason}` : reason;
  }

  private message(key: MessageKey, params: ProblemParams = {}): string {
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(params)) values[name] = this.param(value);
    return this.translator.t(this.locale, key, values);
  }

  private param(value: ProblemParam): string | number {
    if (isList(value)) return value.map((item) => this.value(item)).join(this.locale === 'ja' ? '、' : ', ');
    return this.value(value);
  }

  private value(value: ProblemValue): string | number {
    if (typeof value === 'string' || typeof value === 'number') return value;
    if ('term' in value) return this.message(value.term, value.params);
    return value[this.locale];
  }
}

function isList(value: ProblemParam): value is readonly ProblemValue[] {
  return Array.isArray(value);
}
