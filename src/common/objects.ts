import { createHash } from 'node:crypto';

/** The fields of a PATCH that were sent: `undefined` means "leave as it is", `null` means "clear". */
export function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** SHA-256 as hex: how secrets (tokens, calendar URLs) and counted identifiers are stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
