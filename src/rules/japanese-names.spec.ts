import { isReading, LEGAL_FORM_WORDS, nameKey, normaliseReading, SEARCH_KEY_LENGTH, SORT_KEY_LENGTH, sortKey, vendorKeys } from './japanese-names';

describe('readings (フリガナ)', () => {
  it.each([
    ['ベータ', 'ベータ'],
    ['べーた', 'ベータ'],
    ['ﾍﾞｰﾀ', 'ベータ'],
    ['ｶﾌﾞｼｷｶﾞｲｼｬ ﾍﾞｰﾀ', 'カブシキガイシャ ベータ'],
    ['ぁゖゝゞ', 'ァヶヽヾ'],
    ['ぱぴぷぺぽ', 'パピプペポ'],
    ['アルファ　システムズ', 'アルファ システムズ'],
    ['  アルファ   システムズ  ', 'アルファ システムズ'],
    ['ＮＴＴデータ', 'NTTデータ'],
    ['エー・ビー', 'エー・ビー'],
    ['ゔ', 'ヴ'],
  ])('%s is stored as %s', (typed, stored) => {
    expect(normaliseReading(typed)).toBe(stored);
  });

  it('leaves what is neither hiragana nor foldable as it is', () => {
    expect(normaliseReading('株式会社')).toBe('株式会社');
    expect(normaliseReading('\u3040\u3097\u309b')).toBe('\u3040\u3097 \u3099');
  });

  it.each([['ベータ'], ['アルファ システムズ'], ['NTTデータ'], ['エー・ビー'], ['ヴァイオレット'], ['ヽヾ'], ['ァヶ'], ['abc 123']])('accepts %s', (reading) => {
    expect(isReading(reading)).toBe(true);
  });

  it.each([['株式会社ベータ'], ['べーた'], ['ﾍﾞｰﾀ'], [''], [' ベータ'], ['ベータ '], ['ベー  タ'], ['ベータ!'], ['ベータ\n'], ['ゔ']])('refuses %s', (reading) => {
    expect(isReading(reading)).toBe(false);
  });
});

describe('name keys for search and sorting', () => {
  it.each([
    ['株式会社ベータ', 'ベータ'],
    ['ベータ株式会社', 'ベータ'],
    ['(株)ベータ', 'ベータ'],
    ['（株）ベータ', 'ベータ'],
    ['㈱ベータ', 'ベータ'],
    ['ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀ', 'ベータ'],
    ['かぶしきがいしゃべーた', 'ベータ'],
    ['カブシキカイシャ ベータ', 'ベータ'],
    ['有限会社ベータ', 'ベータ'],
    ['ユウゲンガイシャベータ', 'ベータ'],
    ['ユウゲンカイシャベータ', 'ベータ'],
    ['㈲ベータ', 'ベータ'],
    ['合同会社ベータ', 'ベータ'],
    ['ゴウドウガイシャベータ', 'ベータ'],
    ['ゴウドウカイシャベータ', 'ベータ'],
    ['(同)ベータ', 'ベータ'],
    ['合名会社ベータ', 'ベータ'],
    ['(名)ベータ', 'ベータ'],
    ['合資会社ベータ', 'ベータ'],
    ['(資)ベータ', 'ベータ'],
    ['一般社団法人ベータ', 'ベータ'],
    ['(社)ベータ', 'ベータ'],
    ['一般財団法人ベータ', 'ベータ'],
    ['(財)ベータ', 'ベータ'],
    ['公益社団法人ベータ', 'ベータ'],
    ['公益財団法人ベータ', 'ベータ'],
    ['特定非営利活動法人ベータ', 'ベータ'],
    ['NPO法人ベータ', 'ベータ'],
    ['ｎｐｏ法人ベータ', 'ベータ'],
    ['独立行政法人ベータ', 'ベータ'],
    ['社会福祉法人ベータ', 'ベータ'],
    ['医療法人ベータ', 'ベータ'],
    ['学校法人ベータ', 'ベータ'],
    ['株式会社 ベータ・システムズ', 'ベータシステムズ'],
    ['Sample Data Center, Inc.', 'SAMPLEDATACENTERINC'],
    ['ＡＢＣ＋', 'ABC'],
    ['会社ベータ', '会社ベータ'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it('lists each legal-form word once, in the form NFKC leaves it', () => {
    expect(new Set(LEGAL_FORM_WORDS).size).toBe(LEGAL_FORM_WORDS.length);
    for (const word of LEGAL_FORM_WORDS) expect(word.normalize('NFKC')).toBe(word);
  });

  it('sorts by the reading when there is one, else by the name', () => {
    expect(sortKey('株式会社ベータ', 'カブシキガイシャベータ')).toBe('ベータ');
    expect(sortKey('株式会社ベータ', null)).toBe('ベータ');
    expect(sortKey('ABC株式会社', 'えーびーしー')).toBe('エービーシー');
    const names = [sortKey('株式会社ベータ', null), sortKey('アルファ合同会社', 'アルファ')].sort();
    expect(names).toEqual(['アルファ', 'ベータ']);
  });
});

describe('the keys stored with a vendor', () => {
  it.each([
    ['株式会社ベータ', null, { sortKey: 'ベータ', searchKey: 'ベータ ' }],
    ['ｶﾌﾞｼｷｶﾞｲｼｬﾍﾞｰﾀ', 'べーた', { sortKey: 'ベータ', searchKey: 'ベータ ベータ' }],
    ['株式会社アルファ', 'アルファ', { sortKey: 'アルファ', searchKey: 'アルファ アルファ' }],
    ['ABC株式会社', 'エービーシー', { sortKey: 'エービーシー', searchKey: 'ABC エービーシー' }],
  ])('%s (reading %s) → %j', (name, reading, keys) => {
    expect(vendorKeys(name, reading)).toEqual(keys);
  });

  it('cuts the keys to their column lengths', () => {
    expect([SORT_KEY_LENGTH, SEARCH_KEY_LENGTH]).toEqual([200, 401]);
    const long = vendorKeys('㍿'.repeat(10) + 'ア'.repeat(250), 'イ'.repeat(250));
    expect(long.sortKey).toBe('イ'.repeat(200));
    expect(long.searchKey).toBe(`${'ア'.repeat(250)} ${'イ'.repeat(150)}`);
    expect(vendorKeys('ア'.repeat(200), null).sortKey).toBe('ア'.repeat(200));
  });
});
