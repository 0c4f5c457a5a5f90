import iconv from 'iconv-lite';
import { neutralise } from './spreadsheet-writer';
import { LIST_SPLIT, REGISTER_COLUMNS } from './register-columns';
import { enumCode, enumLabel } from './register-labels';
import { columnLetter, convertCell, looksLikeFormula } from './register-cells';
import { decodeText } from './spreadsheet-reader';

const column = (id: string) => REGISTER_COLUMNS.find((candidate) => candidate.id === id)!;

describe('register cells', () => {
  it.each([
    ['activeSince', '2024/4/1', '2024-04-01'],
    ['activeSince', '2024-04-01', '2024-04-01'],
    ['activeSince', '令和6年4月1日', '2024-04-01'],
    ['activeSince', '2024年4月1日', '2024-04-01'],
    ['status', '取引中', 'active'],
    ['status', 'Active', 'active'],
    ['status', 'ACTIVE', 'active'],
    ['contractKind', '業務委託契約', 'entrustment'],
    ['contractKind', 'ＤＰＡ', 'dpa'],
    ['contractStatus', '締結済み', 'signed'],
    ['riskTierOverride', '高', 'high'],
    ['dataCategories', '顧客の個人情報;通信の秘密に係る情報', ['customer', 'communications']],
    ['dataLocations', '日本、シンガポール', ['JP', 'SG']],
    ['country', 'Japan', 'JP'],
    ['reentrustmentAllowed', 'はい', true],
    ['reentrustmentAllowed', 'FALSE', false],
    ['reentrustmentAllowed', '不可', false],
    ['dataSubjectCount', '250,000', 250000],
    ['dataCategories', 'Customer; communications、payment', ['customer', 'communications', 'payment']],
    ['dataLocations', 'jp;us', ['JP', 'US']],
    ['country', ' jp ', 'JP'],
    ['ownerEmail', 'Owner@Example.COM', 'owner@example.com'],
    ['name', '  株式会社A  ', '株式会社A'],
    ['reading', ' ｶﾌﾞｼｷｶﾞｲｼｬ えー ', 'カブシキガイシャ エー'],
    ['name', '   ', undefined],
  ])('%s: %j → %j', (id, text, expected) => {
    expect(convertCell(text as string, column(id))).toEqual({ value: expected });
  });

  it('names what it cannot convert, and what it accepts, in the caller\'s language', () => {
    expect(convertCell('退職', column('status'))).toEqual({
      reason: { key: 'importError.notAllowed', params: { allowed: '候補 (candidate), 取引中 (active), 終了手続中 (offboarding), 終了 (terminated)' } },
    });
    expect(convertCell('retired', column('status'), 'en')).toEqual({
      reason: { key: 'importError.notAllowed', params: { allowed: 'candidate, active, offboarding, terminated' } },
    });
    expect(convertCell('lease', column('contractKind'), 'en')).toEqual({
      reason: { key: 'importError.notAllowed', params: { allowed: 'entrustment contract (entrustment), data processing agreement (dpa), NDA (nda), master agreement (msa), other' } },
    });
    expect(convertCell('顧客の個人情報;顧客', column('dataCategories'))).toMatchObject({ reason: { key: 'importError.notAllowed' } });
    expect(convertCell('日本;アトランティス', column('dataLocations'))).toEqual({ reason: { key: 'importError.notCountry' } });
    expect(convertCell('ジャパン', column('country'))).toEqual({ reason: { key: 'importError.notCountry' } });
    expect(convertCell('令和元年4月30日', column('activeSince'))).toEqual({ reason: { key: 'importError.notDate' } });
    expect(convertCell('2025-02-29', column('contractEffectiveFrom'))).toEqual({ reason: { key: 'importError.notDate' } });
    expect(convertCell('maybe', column('gdprApplies'))).toEqual({ reason: { key: 'importError.notBoolean' } });
    expect(convertCell('1.5', column('dataSubjectCount'))).toEqual({ reason: { key: 'importError.notInteger' } });
  });

  it('reads each label of an enumerated column as one code only, and no label holds a list separator', () => {
    const labelled = REGISTER_COLUMNS.filter((candidate) => candidate.labels);
    expect(labelled.map((candidate) => candidate.id)).toEqual(['dataCategories', 'relationship', 'transferBasis', 'subcontractorApproval', 'status', 'riskTierOverride', 'contractKind', 'contractStatus', 'riskTier', 'complianceStatus', 'flags']);
    for (const candidate of labelled) {
      for (const code of candidate.allowed!) {
        for (const locale of ['ja', 'en'] as const) {
          const label = enumLabel(candidate, code, locale);
          expect([candidate.id, label, enumCode(candidate, label)]).toEqual([candidate.id, label, code]);
          expect(LIST_SPLIT.test(label)).toBe(false);
        }
      }
    }
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
