import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decideLimited } from '../auth/sign-in-policy';
import { Clock } from '../common/clock';
import { isUniqueViolation } from '../common/database-errors';
import { sha256Hex } from '../common/objects';
import { QuestionnaireLinkThrottle } from './questionnaire.entities';

/** Wrong links one address may try in a window (sign-in-policy.ts: 15 minutes) before it gets 429. */
export const WRONG_LINK_LIMIT = 20;
/** Requests one live link may make in a window (page views and saves): far above a person answering, a bound on a script. */
export const LINK_REQUEST_LIMIT = 300;
const CAS_ATTEMPTS = 20;

/**
 * Counts wrong questionnaire links per client address in the database (instances are stateless), the
 * way sign-in throttling does: an attempt is reserved — counted — before the token is looked up, by
 * a compare-and-set UPDATE, and given back when the link was right; so parallel guesses cannot all
 * get past the limit. Addresses are kept as SHA-256 hashes.
 */
@Injectable()
export class LinkThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Counts an attempt from the address (or any counted key, under its own limit), or refuses it: the retry delay in seconds. */
  async reserve(address: string, limit = WRONG_LINK_LIMIT): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const key = keyOf(address);
    const repository = this.dataSource.getRepository(QuestionnaireLinkThrottle);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const now = this.clock.now();
      const row = await repository.findOneBy({ id: key });
      if (!row) {
        try {
          await repository.insert({ id: key, failures: 0, windowStart: now, version: 1 });
        } catch (error) {
          // Another request created it first: read theirs.
          if (!isUniqueViolation(error)) throw error;
        }
        continue;
      }
      const decision = decideLimited({ failures: row.failures, windowStart: row.windowStart, nextAllowedAt: null }, now, limit);
      if (!decision.allowed) return decision;
      const result = await this.dataSource.createQueryBuilder().update(QuestionnaireLinkThrottle)
        .set({ failures: decision.next.failures, windowStart: decision.next.windowStart, version: row.version + 1 })
        .where('id = :id AND version = :version', { id: key, version: row.version })
        .execute();
      if (result.affected === 1) return { allowed: true };
    }
    // Lost the race every time: under such a flood, the answer is "later".
    return { allowed: false, retryAfterSeconds: 1 };
  }

  /** The link was right: the reserved attempt was no wrong link. */
  async giveBack(address: string): Promise<void> {
    await this.dataSource.createQueryBuilder().update(QuestionnaireLinkThrottle)
      .set({ failures: () => 'failures - 1', version: () => 'version + 1' })
      .where('id = :id AND failures > 0', { id: keyOf(address) })
      .execute();
  }
}

/** The counter of a live link's requests (reserve(linkKey(id), LINK_REQUEST_LIMIT)). */
export function linkKey(linkId: string): string {
  return `link:${linkId}`;
}

/** The row id of a counted key: addresses are kept only hashed. */
export function keyOf(address: string): string {
  return sha256Hex(`questionnaire-link:${address}`);
}
