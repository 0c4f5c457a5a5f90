import { ACCOUNT_FREE_FAILURES, backoffMs, decideAccount, decideLimited, isKnownPair, WINDOW_MS } from './sign-in-policy';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);
const fresh = { failures: 0, windowStart: at(0), nextAllowedAt: null };

describe('sign-in policy', () => {
  it.each([
    [0, 5, true],
    [4, 5, true],
    [5, 5, false],
    [10, 10, false],
  ])('a counter with %i failures and limit %i allows another: %s', (failures, limit, allowed) => {
    expect(decideLimited({ ...fresh, failures }, at(60), limit).allowed).toBe(allowed);
  });

  it('refuses until the window ends, then starts it again', () => {
    expect(decideLimited({ ...fresh, failures: 5 }, at(60), 5)).toEqual({ allowed: false, retryAfterSeconds: WINDOW_MS / 1000 - 60 });
    expect(decideLimited({ ...fresh, failures: 5 }, at(WINDOW_MS / 1000), 5)).toEqual({ allowed: true, next: { failures: 1, windowStart: at(WINDOW_MS / 1000), nextAllowedAt: null } });
  });

  it.each([
    [9, 0],
    [10, 2_000],
    [11, 4_000],
    [12, 8_000],
    [30, 15 * 60_000],
  ])('after %i account failures the next attempt waits %i ms', (failures, wait) => {
    expect(backoffMs(failures)).toBe(wait);
  });

  it('an account attempt inside its back-off is refused with the seconds left; after it, allowed with the next wait', () => {
    const state = { failures: ACCOUNT_FREE_FAILURES, windowStart: at(0), nextAllowedAt: at(12) };
    expect(decideAccount(state, at(10))).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(decideAccount(state, at(12))).toEqual({ allowed: true, next: { failures: 11, windowStart: at(0), nextAllowedAt: at(16) } });
  });

  it('knows the owner\'s address for 30 days after a successful sign-in', () => {
    expect(isKnownPair(null, at(0))).toBe(false);
    expect(isKnownPair(at(0), at(29 * 86_400))).toBe(true);
    expect(isKnownPair(at(0), at(30 * 86_400))).toBe(false);
  });
});
