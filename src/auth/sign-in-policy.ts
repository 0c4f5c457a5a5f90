/**
 * Sign-in throttling (OWASP Authentication Cheat Sheet; NIST SP 800-63B 5.2.2 "rate limiting"): slow a
 * guesser down without letting anyone lock the owner out.
 * - Per account and address pair: 5 failures in 15 minutes lock that pair for the rest of the window.
 * - Per address: 10 failures in 15 minutes, whatever the accounts, lock the address (password spraying).
 * - Per account, from every address together: 10 failures are free, then each further attempt waits
 *   2, 4, 8 … seconds (at most 15 minutes) after the previous one.
 * A pair that signed in successfully within 30 days (the owner's usual address) is held only to its
 * pair limit: guesses from elsewhere do not lock the owner out. An admin can unlock an account.
 * Pure functions over a counter's state; the service stores them with compare-and-set updates.
 */
export const WINDOW_MS = 15 * 60_000;
export const PAIR_LIMIT = 5;
export const ADDRESS_LIMIT = 10;
export const ACCOUNT_FREE_FAILURES = 10;
export const MAX_BACKOFF_MS = 15 * 60_000;
export const KNOWN_PAIR_MS = 30 * 24 * 3_600_000;

export interface CounterState {
  failures: number;
  windowStart: Date;
  nextAllowedAt: Date | null;
}

export type Decision = { allowed: true; next: CounterState } | { allowed: false; retryAfterSeconds: number };

/** The counter as it stands at `now`: a window that has run out starts again. */
function current(state: CounterState, now: Date): CounterState {
  return now.getTime() - state.windowStart.getTime() >= WINDOW_MS ? { failures: 0, windowStart: now, nextAllowedAt: null } : state;
}

function secondsUntil(at: number, now: Date): number {
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/** A pair or address counter: `limit` attempts per window, the attempt reserved when allowed. */
export function decideLimited(state: CounterState, now: Date, limit: number): Decision {
  const counter = current(state, now);
  if (counter.failures >= limit) return { allowed: false, retryAfterSeconds: secondsUntil(counter.windowStart.getTime() + WINDOW_MS, now) };
  return { allowed: true, next: { ...counter, failures: counter.failures + 1 } };
}

/** The wait after the n-th failure of an account: none for the free ones, then 2 s, 4 s, 8 s … */
export function backoffMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(MAX_BACKOFF_MS, 2 ** (failures - ACCOUNT_FREE_FAILURES + 1) * 1000);
}

/** An account counter: refused until its back-off has passed; the attempt reserved (and the next wait set) when allowed. */
export function decideAccount(state: CounterState, now: Date): Decision {
  const counter = current(state, now);
  if (counter.nextAllowedAt && counter.nextAllowedAt.getTime() > now.getTime()) {
    return { allowed: false, retryAfterSeconds: secondsUntil(counter.nextAllowedAt.getTime(), now) };
  }
  const failures = counter.failures + 1;
  const wait = backoffMs(failures);
  return { allowed: true, next: { failures, windowStart: counter.windowStart, nextAllowedAt: wait > 0 ? new Date(now.getTime() + wait) : null } };
}

export function isKnownPair(lastSuccessAt: Date | null, now: Date): boolean {
  return lastSuccessAt !== null && now.getTime() - lastSuccessAt.getTime() < KNOWN_PAIR_MS;
}
