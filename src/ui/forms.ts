import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Response } from 'express';
import { httpStatusOf } from '../common/api-exception.filter';
import { DomainError, ValidationError } from '../common/domain-errors';
import { Problem, ProblemRenderer } from '../common/problems';
import { currentLocale } from '../common/request-context';
import { problemsOf } from '../common/validation';
import { isLocale, Locale } from '../i18n/locale';
import { Translator } from '../i18n/translator';

/**
 * HTML forms send strings: these convert a form field the way the JSON API would have received it,
 * so the page validates with the API's own DTO classes and calls the same services.
 */
export const form = {
  /** Trimmed text; an empty field is left out (the DTO's default or the stored value applies). */
  text(value: unknown): string | undefined {
    const text = first(value)?.trim();
    return text ? text : undefined;
  },
  /** Trimmed text; an empty field clears the value (null). */
  nullable(value: unknown): string | null {
    return form.text(value) ?? null;
  },
  /** A whole number; an empty field is null; anything else is passed on as typed for the DTO to refuse. */
  integer(value: unknown): number | string | null {
    const text = form.text(value);
    if (text === undefined) return null;
    return /^-?\d+$/.test(text) ? Number(text) : text;
  },
  /** A checkbox sends its value only when ticked. */
  checkbox(value: unknown): boolean {
    return value !== undefined && value !== '';
  },
  /** Several checkboxes of one name: none, one (a string) or many (an array). */
  list(value: unknown): string[] {
    if (value === undefined || value === '') return [];
    return (Array.isArray(value) ? value : [value]).map(String);
  },
  /** "JP, US" → ["JP", "US"] */
  commaList(value: unknown): string[] {
    return (form.text(value) ?? '').split(/[,、\s]+/).map((part) => part.trim()).filter(Boolean);
  },
};

function first(value: unknown): string | undefined {
  if (Array.isArray(value)) return first(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** Messages per field in the page's language ({field: "reason; …"}); problems of no field go under "_". */
export type FieldErrors = Record<string, string>;

const translator = new Translator();

/** The problems' reasons by field (the top-level name: `items` for `items.0.code`), in the signed-in user's language. */
export function fieldErrors(problems: readonly Problem[], locale: Locale = pageLocale()): FieldErrors {
  const renderer = new ProblemRenderer(translator, locale);
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const field = problem.field ? problem.field.split('.')[0] : '_';
    const reason = renderer.pageReason(problem);
    errors[field] = errors[field] ? `${errors[field]}; ${reason}` : reason;
  }
  return errors;
}

/** The problems as a page lists them away from a form: "label: reason" where the field has a label. */
export function problemLines(problems: readonly Problem[], locale: Locale = pageLocale()): string[] {
  const renderer = new ProblemRenderer(translator, locale);
  return problems.map((problem) => renderer.labelled(problem));
}

/** The language of the page being answered: the signed-in user's (set by the access guard). */
export function pageLocale(): Locale {
  const locale = currentLocale();
  return isLocale(locale) ? locale : 'ja';
}

/** Converted input checked with the API's DTO class, as the global pipe checks a JSON body: the instance, or a ValidationError. */
export async function validated<T extends object>(dto: ClassConstructor<T>, input: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(dto, input);
  const failures = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (failures.length > 0) throw new ValidationError(problemsOf(failures));
  return instance;
}

/**
 * A form post, the one way pages handle one: read the input as the service takes it (refusing bad
 * input as the API would), call the service, go where it says (303). A refusal the form can show
 * (400 bad input, 409 a stale version or a state that forbids it) shows the form again, with what
 * was typed kept and each problem beside its field in the user's language; anything else is the
 * error page's.
 */
export interface FormPost<T> {
  /** The input as the service takes it, e.g. `validated(CreateAuditDto, {...})`. */
  read(): Promise<T>;
  /** Calls the service; answers where to go next (303), or nothing when it has answered itself. */
  save(value: T): Promise<string | void>;
  /** The form again, with the input kept and the problems by field (and as given, for a page that lists them), at the status given. */
  reshow(errors: FieldErrors, status: number, problems: readonly Problem[]): Promise<void> | void;
  /** Statuses shown on the form besides 400 and 409 (e.g. 503 when the document store is down). */
  alsoInline?: readonly number[];
}

export async function submitForm<T>(response: Response, post: FormPost<T>): Promise<void> {
  let next: string | void;
  try {
    next = await post.save(await post.read());
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = httpStatusOf(error);
    if (status !== 400 && status !== 409 && !post.alsoInline?.includes(status)) throw error;
    return post.reshow(fieldErrors(error.problems), status, error.problems);
  }
  if (next) response.redirect(303, next);
}

export function render(response: Response, view: string, model: Record<string, unknown>, status = 200): void {
  response.status(status).render(view, model);
}

/** A local path to return to after sign-in; anything else (another host, "//evil") goes to the dashboard. */
export function safeNext(value: unknown): string {
  const next = form.text(value);
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

/** The query string of a list with one parameter changed (for pager and sort links). */
export function withQuery(path: string, query: Record<string, unknown>, changes: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, ...changes })) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface Pager {
  page: number;
  /** Unknown (null) for lists that do not count their total. */
  pages: number | null;
  total: number | null;
  previous: string | null;
  next: string | null;
}

export function pagerOf(path: string, query: Record<string, unknown>, page: { page: number; pageSize: number; total: number }): Pager {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return {
    page: page.page,
    pages,
    total: page.total,
    previous: page.page > 1 ? withQuery(path, query, { page: page.page - 1 }) : null,
    next: page.page < pages ? withQuery(path, query, { page: page.page + 1 }) : null,
  };
}

/** A pager for a list that knows only whether another page follows (no total counted). */
export function openPagerOf(path: string, query: Record<string, unknown>, page: { page: number; hasMore: boolean }): Pager {
  return {
    page: page.page,
    pages: null,
    total: null,
    previous: page.page > 1 ? withQuery(path, query, { page: page.page - 1 }) : null,
    next: page.hasMore ? withQuery(path, query, { page: page.page + 1 }) : null,
  };
}

