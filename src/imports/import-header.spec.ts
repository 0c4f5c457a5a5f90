import { Translator } from '../i18n/translator';
import { MessageKey } from '../i18n/messages';
import { RegisterColumn } from '../register-file/register-columns';
import { ColumnNames, mapHeader, normaliseHeader } from './import-header';

const translator = new Translator();
const names: ColumnNames = {
  accepted: (column: RegisterColumn) => [column.id, translator.t('ja', `importColumn.${column.id}` as MessageKey), translator.t('en', `importColumn.${column.id}` as MessageKey)],
  label: (column: RegisterColumn) => translator.t('en', `importColumn.${column.id}` as MessageKey),
};
const ids = (header: string[]) => mapHeader(header, names).columns.map((column) => column?.id ?? null);

describe('import header mapping', () => {
  it.each([
    ['the English header', ['Vendor name', 'Corporate number'], ['name', 'corporateNumber']],
    ['the Japanese header', ['委託先名', '法人番号'], ['name', 'corporateNumber']],
    ['the column id', ['name', 'contractTitle'], ['name', 'contractTitle']],
    ['the template header with its "[…]" hint', ['委託先名 [必須; 200文字まで]', 'Country [ISO code]'], ['name', 'country']],
    ['case and full-width letters folded', ['ＶＥＮＤＯＲ  NAME', 'COUNTRY'], ['name', 'country']],
    ['a blank header cell (a column the import skips)', ['name', '', 'country'], ['name', null, 'country']],
    ['a header an earlier export wrote (警告コード: the cells hold labels now)', ['委託先名', '警告コード'], ['name', 'flags']],
    ['a header an earlier English export wrote (Flag codes)', ['Vendor name', 'Flag codes'], ['name', 'flags']],
  ])('reads %s', (_case, header, expected) => {
    expect(mapHeader(header, names).problems).toEqual([]);
    expect(ids(header)).toEqual(expected);
  });

  it.each([
    ['an unknown header, by its column letter', ['name', 'Colour'], [{ field: 'file', code: 'import-unknown-header', params: { header: 'Colour', column: 'B' } }]],
    ['a header twice', ['name', 'Country', '所在国'], [{ field: 'file', code: 'import-duplicate-header', params: { header: '所在国', column: 'C' } }]],
    ['no name column, named in the caller\'s language', ['Country'], [{ field: 'file', code: 'import-missing-header', params: { header: 'Vendor name' } }]],
  ])('refuses %s', (_case, header, problems) => {
    expect(mapHeader(header, names).problems).toEqual(problems);
  });

  it('compares width-folded, lower-case text without the hint', () => {
    expect(normaliseHeader('  Ｖｅｎｄｏｒ   Name [required] ')).toBe('vendor name');
    expect(normaliseHeader('委託先名［必須］')).toBe('委託先名');
  });
});
