/**
 * An e-mail address as stored and compared: NFKC (full-width "ａ" is "a") and lower case, trimmed.
 * Lookups compare this form exactly: MySQL's default collation would also match "ádmin@…" to
 * "admin@…", another address.
 */
export function normaliseEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}
