import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { ContractFacts, isInForce, ReviewStatus } from './contracts';
import { ClauseReview, clauseGapsFromOpenItems, clauseGapsOf, EvaluatedVendor, evaluateVendor, RuleFlag } from './flags';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ALWAYS = CLAUSE_TYPES.filter((clauseType) => clauseType.requiredWhen === 'always').map((clauseType) => clauseType.code);
const ASOF = '2026-11-28';
/** A carrier holding the Privacy Mark and ISMS: every framework of the catalogue binds it. */
const profile = { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true, isms: true };

const vendor = (facts: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
  id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'],
  dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01', ...facts,
});
const contract = (facts: Partial<ContractFacts> = {}): ContractFacts => ({
  id: 'c1', title: '業務委託契約書', status: 'signed', effectiveFrom: '2024-04-01', expiresOn: null, autoRenew: false, ...facts,
});
const reviewsOf = (contractId: string, status: ReviewStatus, overrides: Record<string, ReviewStatus> = {}): ClauseReview[] =>
  CLAUSE_TYPES.map((clauseType) => ({ contractId, clauseType: clauseType.code, status: overrides[clauseType.code] ?? status }));
const codes = (flags: RuleFlag[]) => flags.map((flag) => (flag.clauseType ? `${flag.code}:${flag.clauseType}` : flag.code));

describe('in force (domain.md)', () => {
  it.each([
    ['signed, started, open-ended', {}, true],
    ['starting today', { effectiveFrom: ASOF }, true],
    ['starting tomorrow', { effectiveFrom: '2026-11-29' }, false],
    ['ending today', { expiresOn: ASOF }, true],
    ['ended yesterday', { expiresOn: '2026-11-27' }, false],
    ['ended yesterday but renews automatically', { expiresOn: '2026-11-27', autoRenew: true }, true],
    ['draft', { status: 'draft' }, false],
    ['in review', { status: 'in-review' }, false],
    ['terminated', { status: 'terminated' }, false],
  ] as const)('%s → %s', (_label, facts, expected) => {
    expect(isInForce(contract(facts as Partial<ContractFacts>), ASOF)).toBe(expected);
  });
});

describe('applicability: required clause types and requirement ids', () => {
  const required = (facts: Partial<EvaluatedVendor>) =>
    evaluateVendor({ vendor: vendor(facts), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue).requiredClauseTypes.map((c) => c.code);

  it.each([
    ['a plain domestic vendor', {}, ALWAYS],
    ['a communications vendor', { dataCategories: ['communications'] }, [...ALWAYS.slice(0, 4), 'communications-secrecy', ...ALWAYS.slice(4)]],
    ['a vendor abroad', { country: 'US' }, [...ALWAYS, 'data-location']],
    ['a vendor with a data location abroad', { dataLocations: ['JP', 'IE'] }, [...ALWAYS, 'data-location']],
    ['a GDPR vendor', { gdprApplies: true }, [...ALWAYS, 'data-subject-requests', 'compliance-assistance']],
    ['a re-entrustment vendor', { reentrustmentAllowed: true }, ALWAYS],
  ] as const)('%s', (_label, facts, expected) => {
    expect(required(facts as Partial<EvaluatedVendor>)).toEqual(expected);
  });

  it('has no optional clause type for a vendor with none of the conditions', () => {
    expect(required({ dataCategories: [] })).toHaveLength(12);
  });

  it('cites exactly the applicable requirements a clause type satisfies', () => {
    const evaluation = evaluateVendor({ vendor: vendor({ dataCategories: ['communications'] }), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue);
    const incident = evaluation.requiredClauseTypes.find((c) => c.code === 'incident-notification')!;
    expect(incident.requirementIds).toEqual(['appi.incident-notice', 'tel.secrecy-leak', 'jis.incident', 'iso.5.20']);
    const reentrustment = evaluateVendor({ vendor: vendor({ reentrustmentAllowed: true, gdprApplies: true }), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue)
      .requiredClauseTypes.find((c) => c.code === 'reentrustment')!;
    expect(reentrustment.requirementIds).toEqual(['appi.reentrust-approval', 'jis.reentrust', 'gdpr.subprocessor-auth', 'gdpr.subprocessor-flowdown', 'iso.5.21']);
    expect(evaluation.applicableRequirementIds).toContain('tel.secrecy');
    expect(evaluation.applicableRequirementIds).not.toContain('gdpr.guarantees');
  });
});

describe('contract and clause flags', () => {
  const evaluate = (input: { vendor?: Partial<EvaluatedVendor>; contracts?: ContractFacts[]; reviews?: ClauseReview[]; asOf?: string }) =>
    evaluateVendor({ vendor: vendor(input.vendor), profile, contracts: input.contracts ?? [], reviews: input.reviews ?? [], asOf: input.asOf ?? ASOF }, catalogue);

  it('flags an active vendor with no contract in force, and nothing else about clauses', () => {
    const evaluation = evaluate({ contracts: [contract({ effectiveFrom: '2026-11-29' })], reviews: reviewsOf('c1', 'missing') });
    expect(codes(evaluation.flags)).toEqual(['no-contract']);
    expect(evaluation.flags[0]).toMatchObject({ severity: 'critical', requirementIds: ['appi.contract'] });
    expect(evaluation.status).toBe('non-compliant');
  });

  it.each([
    ['candidate', 'not-evaluated', []],
    ['terminated', 'compliant', []],
    ['offboarding', 'non-compliant', ['no-contract']],
  ] as const)('a %s vendor without a contract → %s %j', (status, expected, flags) => {
    const evaluation = evaluate({ vendor: { status } });
    expect(evaluation.status).toBe(expected);
    expect(codes(evaluation.flags)).toEqual(flags);
  });

  it('is compliant when every required clause is present', () => {
    expect(evaluate({ contracts: [contract()], reviews: reviewsOf('c1', 'present') })).toMatchObject({ status: 'compliant', flags: [] });
  });

  it('flags missing and not-reviewed as missing-clause (critical), partial as partial-clause (warning)', () => {
    const evaluation = evaluate({
      contracts: [contract()],
      reviews: reviewsOf('c1', 'present', { 'audit-rights': 'missing', 'breach-remedies': 'not-reviewed', 'handling-reports': 'partial' }),
    });
    expect(codes(evaluation.flags)).toEqual(['partial-clause:handling-reports', 'missing-clause:audit-rights', 'missing-clause:breach-remedies']);
    expect(evaluation.flags.map((flag) => [flag.severity, flag.variant])).toEqual([['warning', undefined], ['critical', 'missing'], ['critical', 'not-reviewed']]);
    expect(evaluation.status).toBe('non-compliant');
  });

  it('takes the best review across two contracts in force: partial beats missing, present beats both', () => {
    const contracts = [contract({ id: 'c1' }), contract({ id: 'c2', title: '覚書' })];
    const reviews = [
      ...reviewsOf('c1', 'present', { 'audit-rights': 'missing', 'return-deletion': 'partial' }),
      ...reviewsOf('c2', 'missing', { 'audit-rights': 'partial', 'return-deletion': 'present' }),
    ];
    const evaluation = evaluate({ contracts, reviews });
    expect(codes(evaluation.flags)).toEqual(['partial-clause:audit-rights']);
    expect(evaluation.status).toBe('at-risk');
    expect(evaluation.flags[0].params.contracts).toEqual(['業務委託契約書', '覚書']);
  });

  it('ignores reviews of contracts not in force', () => {
    const contracts = [contract({ id: 'c1' }), contract({ id: 'old', expiresOn: '2025-03-31' })];
    const reviews = [...reviewsOf('c1', 'present', { 'audit-rights': 'missing' }), ...reviewsOf('old', 'present')];
    expect(codes(evaluate({ contracts, reviews }).flags)).toEqual(['missing-clause:audit-rights']);
  });

  it('asks for conditional clauses only when their condition holds', () => {
    const reviews = reviewsOf('c1', 'present', { 'communications-secrecy': 'missing', 'data-location': 'missing' });
    expect(codes(evaluate({ contracts: [contract()], reviews }).flags)).toEqual([]);
    expect(codes(evaluate({ vendor: { dataCategories: ['communications'] }, contracts: [contract()], reviews }).flags)).toEqual([
      'missing-clause:communications-secrecy',
    ]);
  });

  it.each([
    ['ending in exactly 90 days', { expiresOn: '2027-02-26' }, ['contract-expiring'], '2027-02-26'],
    ['ending in 91 days', { expiresOn: '2027-02-27' }, [], undefined],
    ['ending today', { expiresOn: ASOF }, ['contract-expiring'], ASOF],
    ['ending in 90 days but renewing automatically', { expiresOn: '2027-02-26', autoRenew: true }, [], undefined],
    ['open-ended', { expiresOn: null }, [], undefined],
  ] as const)('a contract %s → %j', (_label, facts, expected, dueDate) => {
    const evaluation = evaluate({ contracts: [contract(facts as Partial<ContractFacts>)], reviews: reviewsOf('c1', 'present') });
    expect(codes(evaluation.flags)).toEqual(expected);
    expect(evaluation.flags[0]?.dueDate).toBe(dueDate);
  });

  it('gives the days left and the notice deadline of an expiring contract', () => {
    const evaluation = evaluate({ contracts: [contract({ expiresOn: '2026-12-31', noticeDays: 30 })], reviews: reviewsOf('c1', 'present') });
    expect(evaluation.flags[0]).toMatchObject({ refType: 'contract', refId: 'c1', params: { days: 33, noticeBy: '2026-12-01' } });
    expect(evaluation.status).toBe('at-risk');
  });

  it.each([
    ['0 days: the expiry day itself, as on the calendar and in the reminders', 0, { days: 33, noticeBy: '2026-12-31' }],
    ['no notice period: no deadline', null, { days: 33 }],
  ] as const)('says the notice deadline of a notice period of %s', (_label, noticeDays, params) => {
    const [flag] = evaluate({ contracts: [contract({ expiresOn: '2026-12-31', noticeDays })], reviews: reviewsOf('c1', 'present') }).flags;
    expect(flag.params).toEqual({ contract: '業務委託契約書', ...params });
  });

  it('gives each contract and clause flag whole: code, severity, what it cites, its date and its record', () => {
    const contracts = [contract({ expiresOn: '2027-01-31', noticeDays: 60 })];
    const reviews = reviewsOf('c1', 'present', { 'audit-rights': 'partial', 'breach-remedies': 'missing' }).filter((review) => review.clauseType !== 'responsibilities');
    expect(evaluate({ contracts, reviews }).flags).toEqual([
      { code: 'partial-clause', severity: 'warning', clauseType: 'audit-rights', requirementIds: ['appi.handling-visibility', 'jis.verification', 'iso.5.20'], params: { contracts: ['業務委託契約書'], condition: 'always' } },
      { code: 'missing-clause', severity: 'critical', variant: 'missing', clauseType: 'breach-remedies', requirementIds: ['jis.non-compliance'], params: { contracts: ['業務委託契約書'], condition: 'always' } },
      // A required clause type the checklist has no item for is not reviewed.
      { code: 'missing-clause', severity: 'critical', variant: 'not-reviewed', clauseType: 'responsibilities', requirementIds: ['jis.responsibilities'], params: { contracts: ['業務委託契約書'], condition: 'always' } },
      { code: 'contract-expiring', severity: 'warning', requirementIds: ['appi.contract'], dueDate: '2027-01-31', refType: 'contract', refId: 'c1', params: { contract: '業務委託契約書', days: 64, noticeBy: '2026-12-02' } },
    ]);
    expect(evaluate({ contracts: [], reviews: [] }).flags).toEqual([{ code: 'no-contract', severity: 'critical', requirementIds: ['appi.contract'], params: {} }]);
  });

  it('evaluates the same from clause gaps (the bulk path) as from every checklist item', () => {
    const contracts = [contract()];
    const reviews = reviewsOf('c1', 'present', { 'audit-rights': 'partial', 'breach-remedies': 'missing' });
    const fromItems = evaluate({ contracts, reviews });
    const clauseGaps = new Map([['audit-rights', 'partial' as const], ['breach-remedies', 'missing' as const]]);
    expect(evaluateVendor({ vendor: vendor(), profile, contracts, clauseGaps, asOf: ASOF }, catalogue)).toEqual(fromItems);
    expect(codes(fromItems.flags)).toEqual(['partial-clause:audit-rights', 'missing-clause:breach-remedies']);
  });

  it('evaluates at any asOf: the same facts flag differently in the past and the future', () => {
    const facts = { contracts: [contract({ effectiveFrom: '2026-12-01', expiresOn: '2027-12-31' })], reviews: reviewsOf('c1', 'present') };
    expect(codes(evaluate({ ...facts, asOf: '2026-11-30' }).flags)).toEqual(['no-contract']);
    expect(codes(evaluate({ ...facts, asOf: '2026-12-01' }).flags)).toEqual([]);
    expect(codes(evaluate({ ...facts, asOf: '2027-10-02' }).flags)).toEqual(['contract-expiring']);
    expect(codes(evaluate({ ...facts, asOf: '2028-01-01' }).flags)).toEqual(['no-contract']);
  });
});

describe('clause gaps from open items (the bulk path) equal the gaps from every item', () => {
  const statuses: ReviewStatus[] = ['present', 'partial', 'missing', 'not-reviewed'];
  const codes = CLAUSE_TYPES.map((clauseType) => clauseType.code);
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);

  it.each([1, 2, 3])('with %i contracts in force, over 200 random checklists', (contractCount) => {
    for (let round = 0; round < 200; round += 1) {
      const contracts = Array.from({ length: contractCount }, (_, i) => contract({ id: `c${i}` }));
      const reviews = contracts.flatMap((c) => codes.map((code) => ({ contractId: c.id, clauseType: code, status: statuses[Math.floor(random() * 4)] })));
      const open = reviews.filter((review) => review.status !== 'present');
      expect(clauseGapsFromOpenItems(open, contracts)).toEqual(clauseGapsOf(reviews, contracts, codes));
    }
  });

  it('reads only the open items of the contracts in force', () => {
    const open: ClauseReview[] = [
      { contractId: 'a', clauseType: 'audit-rights', status: 'missing' },
      { contractId: 'a', clauseType: 'breach-remedies', status: 'present' },
      { contractId: 'old', clauseType: 'return-deletion', status: 'missing' },
      { contractId: 'b', clauseType: 'audit-rights', status: 'partial' },
      { contractId: 'b', clauseType: 'breach-remedies', status: 'present' },
      { contractId: 'old', clauseType: 'breach-remedies', status: 'missing' },
    ];
    expect([...clauseGapsFromOpenItems(open, [contract({ id: 'a' })])]).toEqual([['audit-rights', 'missing']]);
    expect([...clauseGapsFromOpenItems(open, [contract({ id: 'a' }), contract({ id: 'b' })])]).toEqual([['audit-rights', 'partial']]);
    expect([...clauseGapsFromOpenItems(open.filter((item) => item.contractId !== 'old'), [contract({ id: 'b' })])]).toEqual([['audit-rights', 'partial']]);
    // An item of a contract not in force does not make up for a contract in force that has the clause.
    expect([...clauseGapsFromOpenItems([{ contractId: 'a', clauseType: 'x', status: 'missing' }, { contractId: 'old', clauseType: 'x', status: 'missing' }], [contract({ id: 'a' }), contract({ id: 'b' })])]).toEqual([]);
    // A present item is no gap, even when every contract in force lists the clause type.
    expect([...clauseGapsFromOpenItems([{ contractId: 'a', clauseType: 'y', status: 'missing' }, { contractId: 'b', clauseType: 'y', status: 'present' }], [contract({ id: 'a' }), contract({ id: 'b' })])]).toEqual([]);
  });

  it('keeps the best open review across contracts: partial beats missing', () => {
    const contracts = [contract({ id: 'a' }), contract({ id: 'b' })];
    const open: ClauseReview[] = [
      { contractId: 'a', clauseType: 'audit-rights', status: 'missing' },
      { contractId: 'b', clauseType: 'audit-rights', status: 'partial' },
      { contractId: 'a', clauseType: 'breach-remedies', status: 'missing' },
    ];
    expect([...clauseGapsFromOpenItems(open, contracts)]).toEqual([['audit-rights', 'partial']]);
  });
});

describe('a terminated vendor', () => {
  it('is not flagged for the terms or the end of a contract left in force', () => {
    const vendor: EvaluatedVendor = {
      id: 'v', status: 'terminated', country: 'JP', dataLocations: [], dataCategories: [], dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false,
      riskTier: 'low', activeSince: null,
    };
    const contracts: ContractFacts[] = [{ id: 'c', title: 'x', status: 'signed', effectiveFrom: '2020-01-01', expiresOn: '2026-12-01', autoRenew: false }];
    expect(evaluateVendor({ vendor, profile, contracts, reviews: [], asOf: ASOF }, catalogue).flags).toEqual([]);
  });
});
