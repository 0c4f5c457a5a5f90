import { REGISTER_COLUMNS, RegisterColumn } from '../register-file/register-columns';
import { CellReason } from '../register-file/register-cells';
import { groupVendors, ParsedRow, parseRows, sameValue } from './import-rows';

const column = (id: string): RegisterColumn => REGISTER_COLUMNS.find((candidate) => candidate.id === id)!;
const COLUMNS = ['name', 'corporateNumber', 'country', 'ownerEmail', 'riskTierOverride', 'riskTierOverrideReason', 'contractTitle', 'contractKind', 'contractEffectiveFrom', 'contractExpiresOn'].map(column);

/** Rows of cells in COLUMNS' order (row numbers from 2, as the spreadsheet shows them), parsed. */
async function parse(...cells: string[][]) {
  const problems: Array<{ row: number; column: string; key: string; params?: CellReason['params'] }> = [];
  const report = (row: ParsedRow, at: RegisterColumn | null, reason: CellReason) => problems.push({ row: row.number, column: at?.id ?? '', key: reason.key, ...(reason.params ? { params: reason.params } : {}) });
  const rows = await parseRows(cells.map((row, index) => ({ number: index + 2, cells: row })), COLUMNS, report);
  return { rows, problems };
}

describe('import rows: cells to the API\'s inputs', () => {
  it('converts the cells a row fills in, leaving blank ones out', async () => {
    const { rows, problems } = await parse(['株式会社A', '7000012050002', 'jp', 'Owner@Example.COM', '', '', '', '', '', '']);
    expect(problems).toEqual([]);
    expect(rows[0].vendor).toEqual({ name: '株式会社A', corporateNumber: '7000012050002', country: 'JP', ownerEmail: 'owner@example.com' });
    expect(rows[0].contract).toBeNull();
  });

  it('keeps a contract when its cells are filled in', async () => {
    const { rows, problems } = await parse(['株式会社A', '', '', '', '', '', '業務委託契約書', 'entrustment', '2026-04-01', '2027-03-31']);
    expect(problems).toEqual([]);
    expect(rows[0].contract).toEqual({ title: '業務委託契約書', kind: 'entrustment', effectiveFrom: '2026-04-01', expiresOn: '2027-03-31' });
  });

  it.each([
    ['a missing name', ['', '', '', '', '', '', '', '', '', ''], [{ row: 2, column: 'name', key: 'importError.required' }]],
    ['a cell that is not the column\'s kind', ['A', '', '', 'not-an-email', '', '', '', '', '', ''], [{ row: 2, column: 'ownerEmail', key: 'importError.notEmail' }]],
    ['a bad check digit (the API\'s validator)', ['A', '7000012050003', '', '', '', '', '', '', '', ''], [{ row: 2, column: 'corporateNumber', key: 'importError.notCorporateNumber' }]],
    ['an override without its reason', ['A', '', '', '', 'low', '', '', '', '', ''], [{ row: 2, column: 'riskTierOverrideReason', key: 'importError.overrideReasonRequired' }]],
    ['a reason without an override', ['A', '', '', '', '', '取引実績', '', '', '', ''], [{ row: 2, column: 'riskTierOverrideReason', key: 'importError.overrideReasonAlone' }]],
    ['contract cells without a title', ['A', '', '', '', '', '', '', 'entrustment', '2026-04-01', ''], [{ row: 2, column: 'contractTitle', key: 'importError.contractWithoutTitle' }]],
    ['a contract without its start', ['A', '', '', '', '', '', '契約', 'entrustment', '', ''], [{ row: 2, column: 'contractEffectiveFrom', key: 'importError.required' }]],
    [
      'a contract that ends before it starts',
      ['A', '', '', '', '', '', '契約', 'entrustment', '2026-04-01', '2026-03-31'],
      [{ row: 2, column: 'contractExpiresOn', key: 'importError.expiresBeforeStart', params: { date: '2026-04-01' } }],
    ],
  ])('reports %s', async (_case, cells, expected) => {
    expect((await parse(cells)).problems).toEqual(expected);
  });
});

describe('import rows: grouped by vendor', () => {
  it('groups by 法人番号, else by name; blank vendor cells take the group\'s value', async () => {
    const { rows } = await parse(
      ['株式会社A', '7000012050002', 'JP', '', '', '', '契約1', 'entrustment', '2026-04-01', ''],
      ['株式会社A', '7000012050002', '', '', '', '', '契約2', 'entrustment', '2026-04-01', ''],
      ['株式会社B', '', '', '', '', '', '', '', '', ''],
      ['株式会社B', '', 'US', '', '', '', '', '', '', ''],
    );
    const problems: string[] = [];
    const groups = groupVendors(rows, (row, _column, reason) => problems.push(`${row.number}:${reason.key}`));
    expect(problems).toEqual([]);
    expect(groups.map((group) => [group.key, group.rows.map((row) => row.number), group.input])).toEqual([
      ['#7000012050002', [2, 3], { name: '株式会社A', corporateNumber: '7000012050002', country: 'JP' }],
      ['@株式会社B', [4, 5], { name: '株式会社B', country: 'US' }],
    ]);
  });

  it('reports vendor cells of one vendor that disagree, on the later row, naming the first', async () => {
    const { rows } = await parse(['株式会社A', '', 'JP', '', '', '', '', '', '', ''], ['株式会社A', '', 'US', '', '', '', '', '', '', '']);
    const problems: unknown[] = [];
    groupVendors(rows, (row, at, reason) => problems.push({ row: row.number, column: at?.id, ...reason }));
    expect(problems).toEqual([{ row: 3, column: 'country', key: 'importError.conflictingVendorCell', params: { row: 2, other: 'JP' } }]);
  });

  it('reports a name given without a 法人番号 that another row gives with one', async () => {
    const { rows } = await parse(['株式会社A', '7000012050002', '', '', '', '', '', '', '', ''], ['株式会社A', '', '', '', '', '', '', '', '', '']);
    const problems: unknown[] = [];
    groupVendors(rows, (row, at, reason) => problems.push({ row: row.number, column: at?.id, ...reason }));
    expect(problems).toEqual([{ row: 3, column: 'corporateNumber', key: 'importError.sameNameOtherNumber', params: { row: 2 } }]);
  });

  it('leaves out rows without a name (already reported)', async () => {
    const { rows } = await parse(['', '', '', '', '', '', '', '', '', '']);
    expect(groupVendors(rows, () => undefined)).toEqual([]);
  });
});

describe('import rows: stored and imported values compared', () => {
  it.each([
    ['data categories as sets', 'dataCategories', ['customer', 'payment'], ['payment', 'customer'], true],
    ['a set with another member', 'dataCategories', ['customer'], ['customer', 'payment'], false],
    ['other lists in order', 'someList', ['a', 'b'], ['b', 'a'], false],
    ['null and undefined alike', 'ownerEmail', null, undefined, true],
    ['a stored date and its text', 'activeSince', new Date('2026-04-01T00:00:00Z'), '2026-04-01', true],
    ['numbers as text', 'dataSubjectCount', 250000, '250000', true],
    ['changed text', 'services', '運用', '運用保守', false],
  ])('%s', (_case, field, stored, imported, same) => {
    expect(sameValue(field, stored, imported)).toBe(same);
  });
});
