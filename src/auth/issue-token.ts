import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { sha256Hex } from '../common/objects';
import { AuthToken } from './auth-token.entity';

export interface NewToken {
  /** The token itself: given to its owner once, never stored. */
  token: string;
  row: AuthToken;
}

/**
 * A random 256-bit bearer token (a session cookie's value, or a personal API token), stored only
 * as its SHA-256 in auth_tokens, in the caller's transaction.
 */
export async function issueToken(manager: EntityManager, fields: { userId: string; now: Date; expiresAt: Date; name?: string }): Promise<NewToken> {
  const token = randomBytes(32).toString('base64url');
  const row = Object.assign(new AuthToken(), {
    tokenHash: sha256Hex(token), userId: fields.userId, createdAt: fields.now, expiresAt: fields.expiresAt, revokedAt: null, name: fields.name ?? null,
  });
  await manager.insert(AuthToken, row);
  return { token, row };
}
