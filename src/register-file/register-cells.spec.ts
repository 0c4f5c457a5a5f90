import iconv from 'iconv-lite';
import { neutralise } from './spreadsheet-writer';
import { REGISTER_COLUMNS } from './register-columns';
import { columnLetter, convertCell, looksLikeFormula } from './register-cells';
import { decodeText } from './spreadsheet-reader';

const column = (id: string) => REGISTER_COLUMNS.find((candidate) => candidate.id === id)!;

describe('register cells', () => {
  it.each([
    ['activeSince', '2024/4/1', '2024-04-01'],
    ['activeSince', '2024-04-01', '2024-04-01'],
    ['activeSince', '令和6年4月1日', '令和6年4月1日'], // left for the DTO to refuse as not a date
    ['reentrustmentAllowed', 'はい', true],
    ['reentrustmentAllowed', 'FALSE', false],
    ['reentrustmentAllowed', '不可', false],
    ['dataSubjectCount', '250,000', 250000],
    ['dataCategories', 'Customer; communications、payment', ['customer', 'communications', 'payment']],
    ['dataLocations', 'jp;us', ['JP', 'US']],
    ['country', ' jp ', 'JP'],
    ['ownerEmail', 'Owner@Example.COM', 'owner@example.com'],
    ['name', '  株式会社A  ', '株式会社A'],
    ['name', '   ', undefined],
  ])('%s: %j → %j', (id, text, expected) => {
    expect(convertCell(text as string, column(id))).toEqual({ value: expected });
  });

  it('names what it cannot convert', () => {
    expect(convertCell('maybe', column('gdprApplies'))).toEqual({ reason: { key: 'importError.notBoolean' } });
    expect(convertCell('1.5', column('dataSubjectCount'))).toEqual({ reason: { key: 'importError.notInteger' } });
  });

  it.each([
    ['=HYPERLINK("http://x")', 'services', true],
    ['+81 3 1234', 'services', true],
    ['-cmd', 'name', true],
    ['@SUM(1)', 'name', true],
    ['\t=1', 'name', true],
    ['  =1', 'name', true],
    ['-5', 'dataSubjectCount', false],
    ['株式会社=', 'name', false],
    ['a@example.com', 'ownerEmail', false],
  ])('formula check: %j in %s → %s', (text, id, expected) => {
    expect(looksLikeFormula(text, column(id))).toBe(expected);
  });

  it('neutralises exported text that would run as a formula, and only that', () => {
    expect(['=1+1', '+1', '-1', '@A1', '\tx', 'a=b', 'x', 5, null].map((cell) => neutralise(cell))).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\tx", 'a=b', 'x', 5, null]);
  });

  it('column letters', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('decodes UTF-8 with and without BOM, and CP932 (Shift_JIS as Excel writes it)', () => {
    const text = '委託先名,①㈱髙橋\r\n';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({ text, encoding: 'utf-8-bom' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(iconv.encode(text, 'cp932'))).toEqual({ text, encoding: 'shift_jis' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]))).toEqual({ text, encoding: 'utf-16le' });
  });
});
