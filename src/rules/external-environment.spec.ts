import { loadRequirementsFile } from '../catalogue/requirements-file';
import { applicabilityFor, Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { externalEnvironmentScope, foreignHandlingDisclosure, HandlingVendor, RegimeReview } from './external-environment';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';
import { Relationship, VendorFacts, VendorStatus } from './vendor-facts';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ASOF = '2026-11-28';

describe('externalEnvironmentScope: the countries whose regime the company must know, per vendor (通則GL 10-7)', () => {
  type Case = Partial<Pick<VendorFacts, 'country' | 'dataLocations' | 'subcontractorCountries'>> & { status?: VendorStatus; relationship?: Relationship };
  const scope = (overrides: Case) => {
    const facts: VendorFacts = {
      country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false,
      relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...overrides,
    };
    return externalEnvironmentScope({ ...facts, status: overrides.status ?? 'active' }, applicabilityFor(facts, catalogue, DEFAULT_ORGANISATION_PROFILE));
  };

  it.each<[string, Case, string[] | null]>([
    ['a Japanese vendor storing in Japan: the duty applies to nothing', {}, null],
    ['a Japanese vendor storing in Singapore with a US subcontractor', { dataLocations: ['JP', 'SG'], subcontractorCountries: ['US'] }, ['SG', 'US']],
    ['a vendor in the United States storing there', { country: 'US', dataLocations: ['US'] }, ['US']],
    ['a French vendor (designated country: no foreign recipient, still foreign handling)', { country: 'FR' }, ['FR']],
    ['offboarding still handles the data', { status: 'offboarding', dataLocations: ['SG'] }, ['SG']],
    ['a candidate handles nothing yet', { status: 'candidate', dataLocations: ['SG'] }, null],
    ['a terminated vendor handles nothing any more', { status: 'terminated', dataLocations: ['SG'] }, null],
    ['a cloud service that does not handle the data: the company handles it there itself (Q&A 10-25)', { relationship: 'cloud-no-handling', dataLocations: ['US'] }, ['US']],
    ['joint use is no entrustment', { relationship: 'joint-use', dataLocations: ['US'] }, null],
    ['provision is no entrustment', { relationship: 'provision', country: 'US' }, null],
  ])('%s', (_name, overrides, countries) => {
    const found = scope(overrides);
    expect(found?.countries ?? null).toEqual(countries);
    if (found) {
      expect(found.requirementIds).toEqual(['appi.external-environment']);
      expect(found.binding).toEqual({ basis: 'guideline', severity: 'critical' });
    }
  });
});

describe('foreignHandlingDisclosure: the countries named in the statement of security measures (APPI Art. 32(1)(4))', () => {
  const vendor = (id: string, name: string, countries: string[]): HandlingVendor => ({ id, name, countries });
  type Row = [country: string, reviewedOn: string | null, vendorIds: string[]];
  const rows = (vendors: HandlingVendor[], reviews: RegimeReview[], asOf = ASOF): Row[] =>
    foreignHandlingDisclosure(vendors, reviews, asOf).map((entry) => [entry.country, entry.reviewedOn, entry.vendors.map((found) => found.id)]);

  it.each<[string, HandlingVendor[], RegimeReview[], Row[]]>([
    ['no vendor abroad: no country', [vendor('a', 'A社', [])], [{ completedOn: '2026-01-01', countries: ['SG'] }], []],
    ['one country, never reviewed: no date', [vendor('a', 'A社', ['SG'])], [], [['SG', null, ['a']]]],
    ['countries in code order, each with its vendors', [vendor('a', 'A社', ['US', 'SG']), vendor('b', 'B社', ['SG'])], [], [['SG', null, ['a', 'b']], ['US', null, ['a']]]],
    ['a country twice for one vendor counts the vendor once', [vendor('a', 'A社', ['SG', 'SG'])], [], [['SG', null, ['a']]]],
    ['the latest review covering the country, whichever vendor it was for', [vendor('a', 'A社', ['SG'])],
      [{ completedOn: '2025-03-01', countries: ['SG'] }, { completedOn: '2026-02-01', countries: ['SG', 'US'] }, { completedOn: '2025-09-01', countries: ['SG'] }], [['SG', '2026-02-01', ['a']]]],
    ['a review of another country does not count', [vendor('a', 'A社', ['SG'])], [{ completedOn: '2026-02-01', countries: ['US'] }], [['SG', null, ['a']]]],
    ['a review completed on asOf counts', [vendor('a', 'A社', ['SG'])], [{ completedOn: ASOF, countries: ['SG'] }], [['SG', ASOF, ['a']]]],
    ['a review completed after asOf does not: the earlier one stands', [vendor('a', 'A社', ['SG'])],
      [{ completedOn: '2026-11-29', countries: ['SG'] }, { completedOn: '2024-05-01', countries: ['SG'] }], [['SG', '2024-05-01', ['a']]]],
    ['only a review after asOf: no date', [vendor('a', 'A社', ['SG'])], [{ completedOn: '2026-11-29', countries: ['SG'] }], [['SG', null, ['a']]]],
    ['vendors by name in Japanese order, then by id', [vendor('z', 'イ社', ['SG']), vendor('y', 'ア社', ['SG']), vendor('x', 'イ社', ['SG'])], [], [['SG', null, ['y', 'x', 'z']]]],
    ['vendors of one name by id, whatever order they come in', ['b', 'd', 'a', 'c'].map((id) => vendor(id, '同名社', ['SG'])), [], [['SG', null, ['a', 'b', 'c', 'd']]]],
  ])('%s', (_name, vendors, reviews, expected) => {
    expect(rows(vendors, reviews)).toEqual(expected);
  });

  it('names each vendor', () => {
    expect(foreignHandlingDisclosure([vendor('a', '株式会社テスト', ['SG'])], [], ASOF)).toEqual([{ country: 'SG', reviewedOn: null, vendors: [{ id: 'a', name: '株式会社テスト' }] }]);
  });

  it('orders countries by code whatever order they come in', () => {
    expect(rows([vendor('a', 'A', ['US']), vendor('b', 'B', ['DE']), vendor('c', 'C', ['SG']), vendor('d', 'D', ['CN'])], []).map(([country]) => country)).toEqual(['CN', 'DE', 'SG', 'US']);
  });
});
