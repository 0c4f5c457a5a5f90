import { Translator } from '../i18n/translator';
import { REGISTER_COLUMNS } from '../register-file/register-columns';
import { ExportCells } from './export-cells';

const column = (id: string) => REGISTER_COLUMNS.find((candidate) => candidate.id === id)!;

describe('export cells: labels for people, codes for machines', () => {
  const translator = new Translator();
  const at = new Date('2026-11-30T05:05:00Z');

  it('Japanese labels: enumerations, lists, countries, booleans and the Tokyo wall clock', () => {
    const cells = new ExportCells('ja', true, translator, 'Asia/Tokyo');
    expect([
      cells.column(column('status'), 'active'), cells.column(column('dataCategories'), ['communications', 'my-number']), cells.column(column('country'), 'SG'),
      cells.column(column('dataLocations'), ['JP', 'US']), cells.column(column('reentrustmentAllowed'), false), cells.column(column('activeSince'), '2024-04-01'),
      cells.column(column('transferBasis'), null), cells.label('ui.enum.reviewStatus', 'missing'), cells.timestamp(at), cells.timestamp(null),
    ]).toEqual(['取引中', '通信の秘密に係る情報、特定個人情報(マイナンバー)', 'シンガポール', '日本、アメリカ合衆国', 'いいえ', '2024-04-01', null, 'なし', '2026年11月30日 14:05', null]);
  });

  it('English labels separate list items with "; "', () => {
    const cells = new ExportCells('en', true, translator, 'Asia/Tokyo');
    expect([cells.column(column('dataLocations'), ['JP', 'SG']), cells.yesNo(true), cells.timestamp(at)]).toEqual(['Japan; Singapore', 'Yes', '2026-11-30 14:05']);
  });

  it('codes: the API\'s values and ISO instants, in any language', () => {
    const cells = new ExportCells('ja', false, translator, 'Asia/Tokyo');
    expect([
      cells.column(column('status'), 'active'), cells.column(column('dataLocations'), ['JP', 'US']), cells.column(column('reentrustmentAllowed'), true),
      cells.label('ui.enum.reviewStatus', 'missing'), cells.label('ui.enum.reviewStatus', null), cells.timestamp(at),
    ]).toEqual(['active', 'JP;US', true, 'missing', null, '2026-11-30T05:05:00.000Z']);
  });
});
