import { normaliseEmail } from './email-address';

describe('e-mail addresses as stored and compared', () => {
  it.each([
    ['admin@example.jp', 'admin@example.jp'],
    ['Admin@Example.JP', 'admin@example.jp'],
    ['  admin@example.jp\t', 'admin@example.jp'],
    ['ａｄｍｉｎ＠ｅｘａｍｐｌｅ．ｊｐ', 'admin@example.jp'],
    ['ádmin@example.jp', 'ádmin@example.jp'], // another address: accents are kept
  ])('%j → %j', (input, stored) => {
    expect(normaliseEmail(input)).toBe(stored);
  });
});
