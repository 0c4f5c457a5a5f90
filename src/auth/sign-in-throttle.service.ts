import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { recordAudit } from '../audit-log/audit-trail';
import { Clock } from '../common/clock';
import { TooManyAttemptsError } from '../common/domain-errors';
import { isUniqueViolation } from '../common/database-errors';
import { sha256Hex } from '../common/objects';
import { runInTransaction } from '../database/transactions';
import { normaliseEmail } from '../rules/email-address';
import { UsersService } from '../users/users.service';
import { ADDRESS_LIMIT, CounterState, Decision, decideAccount, decideLimited, isKnownPair, PAIR_LIMIT } from './sign-in-policy';
import { SignInThrottle, ThrottleKind } from './sign-in-throttle.entity';

/** The counters one sign-in attempt reserved: given back when the password was right. */
export interface Reservation {
  pairKey: string;
  released: string[];
}

const CAS_ATTEMPTS = 20;

/**
 * Stores the sign-in policy's counters (sign-in-policy.ts). An attempt is reserved — counted as a
 * failure — before the password is checked, by a compare-and-set UPDATE on the counter's version: of
 * 60 parallel guesses, only as many as the limit get their password checked (on SQLite and MySQL
 * alike; a read-then-insert-later count let them all through).
 */
@Injectable()
export class SignInThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  /** Reserves an attempt for the account from the address, or throws TooManyAttemptsError. */
  async reserve(email: string, address: string): Promise<Reservation> {
    const account = normaliseEmail(email);
    const accountHash = keyOf('account', account);
    const pairKey = keyOf('pair', account, address);
    const reserved: string[] = [];
    try {
      const pair = await this.take(pairKey, 'pair', accountHash, (state, now) => decideLimited(state, now, PAIR_LIMIT));
      reserved.push(pairKey);
      // The owner's usual address is held only to its own pair limit.
      if (!isKnownPair(pair.lastSuccessAt, this.clock.now())) {
        await this.take(keyOf('address', address), 'address', null, (state, now) => decideLimited(state, now, ADDRESS_LIMIT));
        reserved.push(keyOf('address', address));
        await this.take(accountHash, 'account', accountHash, decideAccount);
        reserved.push(accountHash);
      }
      return { pairKey, released: reserved };
    } catch (error) {
      // Refused by one counter: the others did not see an attempt.
      await this.giveBack(reserved);
      throw error;
    }
  }

  /** The password was right: the reserved attempts were no failures, and this pair is now the owner's. */
  async succeeded(reservation: Reservation): Promise<void> {
    await this.giveBack(reservation.released.filter((key) => key !== reservation.pairKey));
    await this.dataSource.createQueryBuilder().update(SignInThrottle)
      .set({ failures: 0, lastSuccessAt: this.clock.now(), version: () => 'version + 1' })
      .where('id = :id', { id: reservation.pairKey }).execute();
  }

  /** An admin's unlock: the account's counters and those of every address pair with it are cleared; audited. */
  async unlock(userId: string): Promise<void> {
    const user = await this.users.get(userId);
    const accountHash = keyOf('account', user.email);
    await runInTransaction(this.dataSource, async (manager) => {
      await manager.delete(SignInThrottle, { accountHash });
      await recordAudit(manager, { action: 'unlock', entityType: 'user', entityId: user.id });
    });
  }

  /** Reads the counter, decides, and writes the decision only if nobody changed the counter meanwhile. */
  private async take(key: string, kind: ThrottleKind, accountHash: string | null, decide: (state: CounterState, now: Date) => Decision): Promise<SignInThrottle> {
    const repository = this.dataSource.getRepository(SignInThrottle);
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const now = this.clock.now();
      const row = await repository.findOneBy({ id: key });
      if (!row) {
        await this.create(this.dataSource.manager, { id: key, kind, accountHash, failures: 0, windowStart: now, nextAllowedAt: null, lastSuccessAt: null, version: 1 });
        continue;
      }
      const decision = decide(row, now);
      if (!decision.allowed) throw new TooManyAttemptsError(decision.retryAfterSeconds);
      const result = await this.dataSource.createQueryBuilder().update(SignInThrottle)
        .set({ ...decision.next, version: row.version + 1 })
        .where('id = :id AND version = :version', { id: key, version: row.version })
        .execute();
      if (result.affected === 1) return row;
    }
    // Lost the race every time: under such a flood, the answer is "later".
    throw new TooManyAttemptsError(1);
  }

  private async create(manager: EntityManager, row: SignInThrottle): Promise<void> {
    try {
      await manager.insert(SignInThrottle, row);
    } catch (error) {
      // Another attempt created it first: read theirs.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private async giveBack(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.dataSource.createQueryBuilder().update(SignInThrottle)
        .set({ failures: () => 'failures - 1', version: () => 'version + 1' })
        .where('id = :id AND failures > 0', { id: key }).execute();
    }
  }
}

function keyOf(kind: ThrottleKind, account: string, address?: string): string {
  return sha256Hex(address === undefined ? `${kind}:${account}` : `${kind}:${account}\n${address}`);
}
