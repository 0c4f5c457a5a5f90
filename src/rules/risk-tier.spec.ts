import { assessRiskTier, effectiveRiskTier, overrideProblem } from './risk-tier';
import { DataCategory } from './vendor-facts';

const base = { country: 'JP', dataLocations: ['JP'], dataCategories: [] as DataCategory[], dataSubjectCount: null as number | null };

describe('assessRiskTier (domain.md "Risk tier", legal-model.md §7)', () => {
  it.each([
    ['communications data', { dataCategories: ['communications'] }, 'high'],
    ['sensitive data (要配慮個人情報)', { dataCategories: ['sensitive'] }, 'high'],
    ['my-number data', { dataCategories: ['my-number'] }, 'high'],
    ['vendor country abroad', { country: 'US' }, 'high'],
    ['a data location abroad', { dataLocations: ['JP', 'SG'] }, 'high'],
    ['100,001 data subjects', { dataSubjectCount: 100_001 }, 'high'],
    ['exactly 100,000 data subjects', { dataSubjectCount: 100_000 }, 'medium'],
    ['customer data', { dataCategories: ['customer'] }, 'medium'],
    ['employee data', { dataCategories: ['employee'] }, 'medium'],
    ['payment data: reportable from one record (PPC Rules Art. 7(ii))', { dataCategories: ['payment'] }, 'high'],
    ['customer and payment data', { dataCategories: ['customer', 'payment'] }, 'high'],
    ['1,001 data subjects', { dataSubjectCount: 1_001 }, 'medium'],
    ['exactly 1,000 data subjects', { dataSubjectCount: 1_000 }, 'low'],
    ['no data category, in Japan', {}, 'low'],
    ['no data location given', { dataLocations: [] }, 'low'],
    ['customer data plus communications', { dataCategories: ['customer', 'communications'] }, 'high'],
  ])('%s → %s', (_label, facts, tier) => {
    expect(assessRiskTier({ ...base, ...facts } as typeof base).tier).toBe(tier);
  });

  it('lists every fact behind a high tier, not only the first', () => {
    const { reasons } = assessRiskTier({ ...base, dataCategories: ['payment', 'sensitive', 'communications'], country: 'US', dataSubjectCount: 500_000 });
    expect(reasons).toEqual([
      { code: 'data-category', category: 'communications' },
      { code: 'data-category', category: 'sensitive' },
      { code: 'data-category', category: 'payment' },
      { code: 'abroad' },
      { code: 'subjects-over', threshold: 100_000 },
    ]);
  });

  it('lists every fact behind a medium tier', () => {
    expect(assessRiskTier({ ...base, dataCategories: ['employee', 'customer'], dataSubjectCount: 5_000 }).reasons).toEqual([
      { code: 'data-category', category: 'customer' },
      { code: 'data-category', category: 'employee' },
      { code: 'subjects-over', threshold: 1_000 },
    ]);
  });

  it('explains a low tier as having no risk factor', () => {
    expect(assessRiskTier(base).reasons).toEqual([{ code: 'no-risk-factor' }]);
  });
});

describe('risk tier override', () => {
  it.each([
    [{ tier: 'high', reason: 'processes call records' }, 'low', 'high', null],
    [{ tier: 'low', reason: '' }, 'high', 'high', 'reason-required'],
    [{ tier: 'low', reason: '   ' }, 'high', 'high', 'reason-required'],
    [{ tier: null, reason: 'why' }, 'medium', 'medium', 'reason-without-override'],
    [{ tier: null, reason: null }, 'medium', 'medium', null],
    [{ tier: 'high', reason: null }, 'low', 'low', 'reason-required'],
    [{ tier: null, reason: '   ' }, 'medium', 'medium', null],
  ] as const)('override %j on computed %s → %s (problem %s)', (override, computed, effective, problem) => {
    expect(effectiveRiskTier(computed, override)).toBe(effective);
    expect(overrideProblem(override)).toBe(problem);
  });
});
