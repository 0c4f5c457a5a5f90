import { isUtf8 } from 'node:buffer';
import type { NextFunction, Request, Response } from 'express';
import type { Problem } from './problems';

/** A JSON body refused before any DTO sees it: a 400 with its problem (api-exception.filter.ts). */
export class JsonBodyProblem extends Error {
  readonly status = 400;
  readonly type = 'entity.verify.failed';

  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/** Deeper than any request of the API (an assessment's items are 3 levels); validation recursion stays shallow. */
export const MAX_JSON_DEPTH = 32;
/** Keys that name JavaScript's prototype machinery: refused as unknown fields rather than silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * express.json's `verify`: the raw bytes must be UTF-8 (otherwise the parser would store U+FFFD in their
 * place) and nest at most MAX_JSON_DEPTH deep — counted on the bytes, without recursion, before
 * JSON.parse builds 100,000 nested arrays that class-validator would then recurse into.
 */
export function verifyJsonBody(_request: unknown, _response: unknown, bytes: Buffer): void {
  if (!isUtf8(bytes)) throw new JsonBodyProblem({ field: 'body', code: 'body-not-utf8' });
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === 0x5c) index += 1; // backslash: skip the escaped character
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) throw new JsonBodyProblem({ field: 'body', code: 'body-too-deep', params: { max: MAX_JSON_DEPTH } });
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
}

/** After parsing: a `__proto__`, `constructor` or `prototype` key anywhere is an unknown field, named by its path. */
export function refusePrototypeKeys(request: Request, _response: Response, next: NextFunction): void {
  const found = prototypeKeyPath(request.body, '');
  next(found ? new JsonBodyProblem({ field: found, code: 'validation.whitelistValidation' }) : undefined);
}

function prototypeKeyPath(value: unknown, path: string): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return here;
    const inner = prototypeKeyPath((value as Record<string, unknown>)[key], here);
    if (inner) return inner;
  }
  return null;
}
