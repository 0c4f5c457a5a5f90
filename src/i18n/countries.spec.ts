import { countryCode, countryName, countryOptions } from './countries';

describe('country names (ISO 3166-1)', () => {
  it.each([
    ['JP', 'ja', '日本'],
    ['JP', 'en', 'Japan'],
    ['SG', 'ja', 'シンガポール'],
    ['US', 'ja', 'アメリカ合衆国'],
    ['US', 'en', 'United States of America'],
    ['XX', 'ja', 'XX'],
  ] as const)('%s in %s is %s', (code, locale, name) => {
    expect(countryName(code, locale)).toBe(name);
  });

  it.each([
    ['日本', 'JP'],
    ['シンガポール', 'SG'],
    ['ｼﾝｶﾞﾎﾟｰﾙ', 'SG'],
    ['Singapore', 'SG'],
    ['singapore', 'SG'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['アメリカ合衆国', 'US'],
    ['jp', 'JP'],
    ['ＪＰ', 'JP'],
    [' 日本 ', 'JP'],
  ])('%s means %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it.each([['日本国x'], [''], ['XX'], ['Atlantis'], ['XK'], ['Kosovo']])('%s is no country', (text) => {
    expect(countryCode(text)).toBeNull();
  });

  it('offers every country, ordered by its name in the locale', () => {
    const ja = countryOptions('ja');
    const en = countryOptions('en');
    expect(ja.length).toBe(249);
    expect(en.map((option) => option.code).sort()).toEqual(ja.map((option) => option.code).sort());
    expect(en.slice(0, 2)).toEqual([{ code: 'AF', name: 'Afghanistan' }, { code: 'AX', name: 'Åland Islands' }]);
    expect(ja.find((option) => option.code === 'JP')).toEqual({ code: 'JP', name: '日本' });
  });
});
