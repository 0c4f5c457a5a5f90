import { bigramsOf, foldCharacter, searchAlternatives, searchFold, SEARCH_TERM_LENGTH, vendorSearchTerms } from './search-terms';

describe('the search fold (what LIKE on either database treats as the same character)', () => {
  it.each([
    ['a', 'A'],
    ['A', 'A'],
    ['ａ', 'A'],
    ['é', 'E'],
    ['ß', 'SS'],
    ['ア', 'ア'],
    ['ｱ', 'ア'],
    ['あ', 'ア'],
    ['ぁ', 'ア'],
    ['ァ', 'ア'],
    ['ゖ', 'ケ'],
    ['ヶ', 'ケ'],
    ['ヵ', 'カ'],
    ['ッ', 'ツ'],
    ['っ', 'ツ'],
    ['ャ', 'ヤ'],
    ['ュ', 'ユ'],
    ['ョ', 'ヨ'],
    ['ヮ', 'ワ'],
    ['ィ', 'イ'],
    ['ゥ', 'ウ'],
    ['ェ', 'エ'],
    ['ォ', 'オ'],
    ['ゝ', 'ヽ'],
    ['ゞ', 'ヽ'],
    ['ガ', 'カ'],
    ['が', 'カ'],
    ['パ', 'ハ'],
    ['ﾞ', ''],
    ['\u3099', ''],
    ['\u3040', '\u3040'],
    ['\u3097', '\u3097'],
    ['ー', 'ー'],
    ['株', '株'],
    ['㈱', '(株)'],
    ['１', '1'],
    [' ', ' '],
    ['ア', 'ア'],
  ])('%s folds to %s', (char, folded) => {
    expect(foldCharacter(char)).toBe(folded);
  });

  it('folds a text one character at a time, so a part of a text folds to a part of it', () => {
    expect(searchFold('ｶﾌﾞｼｷｶﾞｲｼｬ べーた')).toBe('カフシキカイシヤ ヘータ');
    expect(searchFold('Café 😀')).toBe('CAFE 😀');
    expect(searchFold('')).toBe('');
  });
});

describe('bigrams', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['a', []],
    ['ab', ['AB']],
    ['田中', ['田中']],
    ['田中商事', ['田中', '中商', '商事']],
    ['ababa', ['AB', 'BA']],
    ['ｶﾞｽ', ['カス']],
    ['a😀b', ['A😀', '😀B']],
    ['ﾞa', []],
  ])('of %p: %p', (text, grams) => {
    expect(bigramsOf(text)).toEqual(grams);
  });
});

describe("a vendor's search terms", () => {
  it('are the bigrams of its name and search key and its 法人番号 whole', () => {
    expect(vendorSearchTerms({ name: '株式会社田中', searchKey: '田中 タナカ', corporateNumber: '1234567890123' })).toEqual([
      '株式', '式会', '会社', '社田', '田中', '中 ', ' タ', 'タナ', 'ナカ', '1234567890123',
    ]);
    expect(vendorSearchTerms({ name: 'Ab', searchKey: 'AB ', corporateNumber: null })).toEqual(['AB', 'B ']);
    expect(vendorSearchTerms({ name: 'Ab', searchKey: 'AB ', corporateNumber: '' })).toEqual(['AB', 'B ']);
    expect(vendorSearchTerms({ name: 'x', searchKey: '', corporateNumber: '１２３４５６７８９０１２３' })).toEqual(['1234567890123']);
    expect(vendorSearchTerms({ name: 'x', searchKey: '', corporateNumber: '😀😀😀😀😀😀😀😀😀😀😀😀😀' })).toEqual(['😀😀😀😀😀😀😀😀😀😀😀😀😀']);
    expect(vendorSearchTerms({ name: 'x', searchKey: '', corporateNumber: '㍿㍿㍿㍿' })).toEqual([]);
    expect(vendorSearchTerms({ name: 'x', searchKey: '', corporateNumber: 'ﾞ' })).toEqual([]);
  });
});

describe('how a query is found through the terms', () => {
  it.each<[string, ReturnType<typeof searchAlternatives>]>([
    ['田中', { anyOf: [['田中'], ['田中']], exact: '田中' }],
    ['株式会社ベータ', { anyOf: [['株式', '式会', '会社', '社ヘ', 'ヘー', 'ータ'], ['ヘー', 'ータ']], exact: '株式会社ヘータ' }],
    ['株式会社', { anyOf: [['株式', '式会', '会社'], ['株式', '式会', '会社']], exact: '株式会社' }],
    ['1234567890123', { anyOf: [['12', '23', '34', '45', '56', '67', '78', '89', '90', '01'], ['12', '23', '34', '45', '56', '67', '78', '89', '90', '01']], exact: '1234567890123' }],
    ['12345678901234', { anyOf: [['12', '23', '34', '45', '56', '67', '78', '89', '90', '01'], ['12', '23', '34', '45', '56', '67', '78', '89', '90', '01']], exact: null }],
    ['ab', { anyOf: [['AB'], ['AB']], exact: 'AB' }],
    ['a-b', { anyOf: [['A-', '-B'], ['AB']], exact: 'A-B' }],
    ['田', null],
    ['a', null],
    ['(株)A', null],
    ['A株式会社', null],
  ])('%s: %p', (query, found) => {
    expect(searchAlternatives(query)).toEqual(found);
  });

  it('stores and looks up terms no longer than the column', () => {
    expect(SEARCH_TERM_LENGTH).toBe(13);
  });
});
