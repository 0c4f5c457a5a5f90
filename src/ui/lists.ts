import { form, validated } from './forms';

/** Rows per page of the admin UI's lists. */
export const PAGE_SIZE = 50;

/** The list filters a query string sets (empty ones left out), to keep in pager and sort links. */
export function listFilters(raw: Record<string, unknown>, keys: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = form.text(raw[key]);
    if (value) picked[key] = value;
  }
  return picked;
}

/** A list's query string checked with the API's own query DTO: a bad filter is a 400 page, as in the API. */
export function listQuery<T extends object>(dto: new () => T, input: Record<string, string>): Promise<T> {
  return validated(dto, input);
}
