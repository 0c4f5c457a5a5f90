import { CellReason } from '../register-file/register-cells';
import { CreateVendorDto } from '../vendors/dto/vendor.dto';
import { Vendor } from '../vendors/vendor.entity';
import { matchVendors } from './import-matching';
import { ParsedRow, VendorGroup } from './import-rows';

const row = (number: number): ParsedRow => ({ number, texts: new Map(), vendor: {}, contract: null });
const group = (number: number, input: Partial<CreateVendorDto> & { name: string }): VendorGroup => ({
  key: input.corporateNumber ? `#${input.corporateNumber}` : `@${input.name}`, rows: [row(number)], input: input as CreateVendorDto, source: new Map(), existing: null, action: 'create', prepared: null,
});
const vendor = (id: string, name: string, corporateNumber: string | null = null) => Object.assign(new Vendor(), { id, name, corporateNumber });

function match(groups: VendorGroup[], registered: Vendor[]) {
  const problems: Array<{ row: number; column?: string } & CellReason> = [];
  matchVendors(groups, registered, (at, column, reason) => problems.push({ row: at.number, column: column?.id, ...reason }));
  return { matched: groups.map((candidate) => candidate.existing?.id ?? null), problems };
}

describe('import matching against the register', () => {
  it.each([
    ['by 法人番号', [group(2, { name: 'A社', corporateNumber: '7000012050002' })], [vendor('v1', '別名', '7000012050002')], ['v1']],
    ['by exact name without a 法人番号', [group(2, { name: 'A社' })], [vendor('v1', 'A社')], ['v1']],
    ['an unnumbered vendor of that name, which gets the number', [group(2, { name: 'A社', corporateNumber: '7000012050002' })], [vendor('v1', 'A社')], ['v1']],
    ['not a same-named vendor with another 法人番号', [group(2, { name: 'A社', corporateNumber: '7000012050002' })], [vendor('v1', 'A社', '1180301018771')], [null]],
    ['not a name the database collation merely folds (ａ社)', [group(2, { name: 'A社' })], [vendor('v1', 'ａ社')], [null]],
    ['a vendor the lookup found twice (by number for one row, by name for another) as one', [group(2, { name: 'A社' })], [vendor('v1', 'A社', '7000012050002'), vendor('v1', 'A社', '7000012050002')], ['v1']],
    ['nothing: a new vendor', [group(2, { name: 'A社' })], [], [null]],
  ])('matches %s', (_case, groups, registered, expected) => {
    expect(match(groups, registered)).toEqual({ matched: expected, problems: [] });
  });

  it('refuses a name that several registered vendors have', () => {
    expect(match([group(2, { name: 'A社' })], [vendor('v1', 'A社'), vendor('v2', 'A社')])).toEqual({
      matched: [null], problems: [{ row: 2, column: 'name', key: 'importError.ambiguousName', params: { count: 2 } }],
    });
  });

  it('refuses two groups of the file that match one registered vendor', () => {
    const groups = [group(2, { name: 'A社', corporateNumber: '7000012050002' }), group(3, { name: 'A社' })];
    expect(match(groups, [vendor('v1', 'A社', '7000012050002')])).toEqual({
      matched: ['v1', null], problems: [{ row: 3, column: 'name', key: 'importError.sameRegisteredVendor', params: { row: 2 } }],
    });
  });
});
