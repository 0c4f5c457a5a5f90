import { preferredLocale } from './locale';

describe('preferredLocale (Accept-Language, RFC 9110 §12.5.4)', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['ja', 'ja'],
    ['en', 'en'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
    ['en-US,en;q=0.9,ja;q=0.8', 'en'],
    ['EN-gb', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.5,ja;q=0.4', 'en'],
    ['en;q=0.5,ja;q=0.8', 'ja'],
    ['ja;q=0.8,en;q=0.8', 'ja'],
    ['en;q=0,ja;q=0.1', 'ja'],
    ['ja;q=0', null],
    ['*', null],
    ['de, fr', null],
    [' ja ; q = 0.3 , en ; q=0.2', 'ja'],
  ])('%j → %s', (header, expected) => {
    expect(preferredLocale(header)).toBe(expected);
  });
});
