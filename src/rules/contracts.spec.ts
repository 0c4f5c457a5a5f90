import { betterReview, ContractFacts, expiresSoon, noticeDeadline, ReviewStatus } from './contracts';

const ASOF = '2026-11-28';
const contract = (facts: Partial<ContractFacts> = {}): ContractFacts => ({
  id: 'c1', title: '業務委託契約書', status: 'signed', effectiveFrom: '2024-04-01', expiresOn: '2026-12-31', autoRenew: false, ...facts,
});

describe('notice deadline (解約通知期限): expiresOn − noticeDays', () => {
  it.each([
    ['30 days before the end', '2026-12-31', 30, '2026-12-01'],
    ['0 days: notice up to the last day, so the expiry day itself', '2026-12-31', 0, '2026-12-31'],
    ['1 day: the day before', '2026-12-31', 1, '2026-12-30'],
    ['across a leap day', '2024-03-01', 1, '2024-02-29'],
    ['across a year', '2027-01-15', 90, '2026-10-17'],
    ['no notice period: no deadline', '2026-12-31', null, null],
    ['notice period not given at all: no deadline', '2026-12-31', undefined, null],
    ['no end date: no deadline', null, 30, null],
    ['no end date and 0 days: no deadline', null, 0, null],
  ] as const)('%s (%s − %s) → %s', (_label, expiresOn, noticeDays, expected) => {
    expect(noticeDeadline({ expiresOn, noticeDays })).toBe(expected);
  });
});

describe('expiresSoon: in force without auto-renewal, ending within 90 days', () => {
  it.each([
    ['ending today', { expiresOn: ASOF }, true],
    ['ended yesterday', { expiresOn: '2026-11-27' }, false],
    ['ending in exactly 90 days', { expiresOn: '2027-02-26' }, true],
    ['ending in 91 days', { expiresOn: '2027-02-27' }, false],
    ['renewing automatically', { expiresOn: '2026-12-01', autoRenew: true }, false],
    ['open-ended', { expiresOn: null }, false],
  ] as const)('%s → %s', (_label, facts, expected) => {
    expect(expiresSoon(contract(facts), ASOF)).toBe(expected);
  });
});

describe('betterReview: present > partial > missing > not-reviewed', () => {
  const ORDER: ReviewStatus[] = ['not-reviewed', 'missing', 'partial', 'present'];
  it.each(ORDER.flatMap((a, i) => ORDER.map((b, j) => [a, b, ORDER[Math.max(i, j)]] as const)))('%s vs %s → %s', (a, b, expected) => {
    expect(betterReview(a, b)).toBe(expected);
  });
});
