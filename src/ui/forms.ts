import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Response } from 'express';
import { DomainError } from '../common/domain-errors';
import { currentLocale } from '../common/request-context';
import { stripProperty } from '../common/validation';
import { MessageKey } from '../i18n/messages';
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

/** Messages per field ("field: reason" → {field: "reason; …"}); messages without a field go under "_". */
export type FieldErrors = Record<string, string>;

export function fieldErrors(problems: string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const match = /^([A-Za-z][\w.]*): (.*)$/.exec(problem);
    const field = match ? match[1].split('.')[0] : '_';
    const message = match ? match[2] : problem;
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}

/** Validates converted form input with the API's DTO class: the instance, or the problems by field. */
export async function validateForm<T extends object>(dto: ClassConstructor<T>, input: Record<string, unknown>): Promise<{ value: T; errors: null } | { value: null; errors: FieldErrors }> {
  const instance = plainToInstance(dto, input);
  const problems = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return problems.length > 0 ? { value: null, errors: fieldErrors(localisedProblems(problems, currentLocale() === 'ja' ? 'ja' : 'en')) } : { value: instance, errors: null };
}

const translator = new Translator();

/**
 * "field: reason" like the API's flattenValidationErrors, in the page's language: Japanese users get
 * the catalogue's message for each constraint; English keeps the validators' own wording.
 */
function localisedProblems(errors: ValidationError[], locale: 'ja' | 'en', parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => `${path}: ${localised(constraint, reason, error.property, locale)}`);
    return [...own, ...localisedProblems(error.children ?? [], locale, path)];
  });
}

function localised(constraint: string, reason: string, property: string, locale: 'ja' | 'en'): string {
  const english = stripProperty(reason, property);
  if (locale === 'en') return english;
  const n = /(\d+)/.exec(english)?.[1] ?? '';
  const name = constraint === 'minLength' && n === '1' ? 'minLengthOne' : constraint;
  const key = `validation.${name}` as MessageKey;
  const text = translator.t('ja', key, { n });
  return text === key ? english : text;
}

/** A domain error a form shows inline (400 input, 409 state or version) rather than as an error page. */
export function formErrorOf(error: unknown): { status: number; errors: FieldErrors; code: string } | null {
  if (error instanceof DomainError && (error.httpStatus === 400 || error.httpStatus === 409)) {
    return { status: error.httpStatus, errors: fieldErrors(error.problems), code: error.code };
  }
  return null;
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
