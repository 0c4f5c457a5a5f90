import { loadRequirementsFile } from '../catalogue/requirements-file';
import { Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { ContractFacts, isInForce, ReviewStatus } from './contracts';
import { bindingFor, ClauseReview, clauseGapsFromOpenItems, clauseGapsOf, EvaluatedVendor, evaluateVendor, findingOverdueSeverity, RuleFlag, statusOf } from './flags';
import { applicabilityFor } from './applicability';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
/** The clause types an entrusted vendor with no special data needs under the APPI (legal-model.md: no JIS row without the Privacy Mark). */
const ALWAYS = [
  'scope-purpose', 'use-limitation', 'security-measures', 'staff-confidentiality', 'reentrustment', 'handling-reports', 'audit-rights', 'incident-notification',
  'retention-erasure', 'return-deletion',
];
const ASOF = '2026-11-28';
/** The shipped default: a telecom carrier without certifications whose privacy policy promises supervision. */
const profile: OrganisationProfile = DEFAULT_ORGANISATION_PROFILE;

const vendor = (facts: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
  id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'],
  dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01',
  relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...facts,
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
    ['a vendor whose subcontractor is abroad', { subcontractorCountries: ['US'] }, [...ALWAYS, 'data-location']],
    ['a GDPR vendor: the GDPR adds the responsibilities and the assistance clauses', { gdprApplies: true },
      [...ALWAYS.slice(0, 8), 'retention-erasure', 'return-deletion', 'responsibilities', 'data-subject-requests', 'compliance-assistance']],
    ['a re-entrustment vendor', { reentrustmentAllowed: true }, ALWAYS],
    ['a My Number vendor: breach remedies, no removal and staff training too', { dataCategories: ['my-number'] },
      [...ALWAYS.slice(0, 8), 'breach-remedies', 'retention-erasure', 'return-deletion', 'no-removal', 'staff-training']],
    ['a cloud service that does not handle the data: only the no-handling clause', { relationship: 'cloud-no-handling' }, ['no-handling']],
    ['a cloud service abroad: the countries too', { relationship: 'cloud-no-handling', dataLocations: ['US'] }, ['data-location', 'no-handling']],
    ['joint use: no clause', { relationship: 'joint-use', country: 'US' }, []],
    ['provision: no clause', { relationship: 'provision' }, []],
  ] as const)('%s', (_label, facts, expected) => {
    expect(required(facts as Partial<EvaluatedVendor>)).toEqual(expected);
  });

  it('requires with the Privacy Mark the JIS Q 15001 clauses too (responsibilities, breach remedies)', () => {
    const evaluation = evaluateVendor({ vendor: vendor(), profile: { ...profile, privacyMark: true }, contracts: [], reviews: [], asOf: ASOF }, catalogue);
    expect(evaluation.requiredClauseTypes.map((c) => c.code)).toEqual([...ALWAYS.slice(0, 8), 'breach-remedies', 'retention-erasure', 'return-deletion', 'responsibilities']);
  });

  it('cites exactly the applicable requirements a clause type satisfies', () => {
    const evaluation = evaluateVendor({ vendor: vendor({ dataCategories: ['communications'] }), profile, contracts: [], reviews: [], asOf: ASOF }, catalogue);
    const incident = evaluation.requiredClauseTypes.find((c) => c.code === 'incident-notification')!;
    expect(incident.requirementIds).toEqual(['appi.incident-notice', 'tel.secrecy-leak']);
    const certified = { ...profile, privacyMark: true, isms: true };
    const reentrustment = evaluateVendor({ vendor: vendor({ reentrustmentAllowed: true, gdprApplies: true }), profile: certified, contracts: [], reviews: [], asOf: ASOF }, catalogue)
      .requiredClauseTypes.find((c) => c.code === 'reentrustment')!;
    expect(reentrustment.requirementIds).toEqual(['appi.reentrust-terms', 'jis.reentrust', 'gdpr.subprocessor-auth', 'gdpr.subprocessor-flowdown', 'iso.5.21']);
    expect(evaluation.applicableRequirementIds).toContain('tel.secrecy');
    expect(evaluation.applicableRequirementIds).not.toContain('gdpr.guarantees');
  });
});

describe('contract and clause flags', () => {
  const evaluate = (input: { vendor?: Partial<EvaluatedVendor>; contracts?: ContractFacts[]; reviews?: ClauseReview[]; asOf?: string; profile?: OrganisationProfile }) =>
    evaluateVendor({ vendor: vendor(input.vendor), profile: input.profile ?? profile, contracts: input.contracts ?? [], reviews: input.reviews ?? [], asOf: input.asOf ?? ASOF }, catalogue);

  it('flags an active vendor with no contract in force, and nothing else about clauses', () => {
    const evaluation = evaluate({ contracts: [contract({ effectiveFrom: '2026-11-29' })], reviews: reviewsOf('c1', 'missing') });
    expect(codes(evaluation.flags)).toEqual(['no-contract']);
    expect(evaluation.flags[0]).toMatchObject({ severity: 'critical', basis: 'statute', requirementIds: ['appi.supervision', 'appi.contract'] });
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

  it('asks nothing of joint use or provision: no contract, no clause', () => {
    for (const relationship of ['joint-use', 'provision'] as const) {
      expect(evaluate({ vendor: { relationship } })).toMatchObject({ status: 'compliant', flags: [] });
    }
  });

  it('is compliant when every required clause is present', () => {
    expect(evaluate({ contracts: [contract()], reviews: reviewsOf('c1', 'present') })).toMatchObject({ status: 'compliant', flags: [] });
  });

  it('flags missing and not-reviewed as missing-clause, partial as partial-clause (at most a warning), as binding as what they cite', () => {
    const evaluation = evaluate({
      contracts: [contract()],
      reviews: reviewsOf('c1', 'present', { 'audit-rights': 'missing', 'scope-purpose': 'not-reviewed', 'handling-reports': 'partial' }),
    });
    expect(codes(evaluation.flags)).toEqual(['missing-clause:scope-purpose', 'partial-clause:handling-reports', 'missing-clause:audit-rights']);
    expect(evaluation.flags.map((flag) => [flag.severity, flag.basis, flag.variant])).toEqual([
      ['critical', 'statute', 'not-reviewed'], ['warning', 'policy', undefined], ['critical', 'policy', 'missing'],
    ]);
    expect(evaluation.status).toBe('non-compliant');
  });

  it('makes the policy clauses advisory (info) without the privacy policy\'s promises: the vendor is compliant without them', () => {
    const noPromises = { ...profile, policyPromises: false };
    const reviews = reviewsOf('c1', 'missing', { 'scope-purpose': 'present' });
    const evaluation = evaluate({ contracts: [contract()], reviews, profile: noPromises });
    expect(codes(evaluation.flags)).toEqual(ALWAYS.filter((code) => code !== 'scope-purpose').map((code) => `missing-clause:${code}`));
    expect(new Set(evaluation.flags.map((flag) => `${flag.severity}/${flag.basis}`))).toEqual(new Set(['info/recommended']));
    expect(evaluation.status).toBe('compliant');
    // The statute row stays binding.
    expect(evaluate({ contracts: [contract()], reviews: reviewsOf('c1', 'present', { 'scope-purpose': 'partial' }), profile: noPromises }).status).toBe('at-risk');
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

  it('asks for conditional clauses only when their condition holds, and says which', () => {
    const reviews = reviewsOf('c1', 'present', { 'communications-secrecy': 'missing', 'data-location': 'missing' });
    expect(codes(evaluate({ contracts: [contract()], reviews }).flags)).toEqual([]);
    const telecom = evaluate({ vendor: { dataCategories: ['communications'] }, contracts: [contract({ retentionPeriod: '契約終了後30日' })], reviews });
    expect(telecom.flags).toEqual([{
      code: 'missing-clause', severity: 'critical', basis: 'statute', variant: 'missing', clauseType: 'communications-secrecy', requirementIds: ['tel.secrecy'],
      params: { contracts: ['業務委託契約書'], condition: 'communications' },
    }]);
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

  it('says nothing of an expiring contract when no applicable requirement asks for a contract in force (joint use)', () => {
    const evaluation = evaluate({ vendor: { relationship: 'joint-use' }, contracts: [contract({ expiresOn: '2026-12-31' })], reviews: reviewsOf('c1', 'present') });
    expect(evaluation.flags.filter((flag) => flag.code === 'contract-expiring')).toEqual([]);
    expect(evaluate({ contracts: [contract({ expiresOn: '2026-12-31' })], reviews: reviewsOf('c1', 'present') }).flags.map((flag) => flag.code)).toEqual(['contract-expiring']);
  });

  it('gives the days left and the notice deadline of an expiring contract, at most a warning', () => {
    const evaluation = evaluate({ contracts: [contract({ expiresOn: '2026-12-31', noticeDays: 30 })], reviews: reviewsOf('c1', 'present') });
    expect(evaluation.flags[0]).toMatchObject({ severity: 'warning', basis: 'statute', refType: 'contract', refId: 'c1', params: { days: 33, noticeBy: '2026-12-01' } });
    expect(evaluation.status).toBe('at-risk');
  });

  it.each([
    ['0 days: the expiry day itself, as on the calendar and in the reminders', 0, { days: 33, noticeBy: '2026-12-31' }],
    ['no notice period: no deadline', null, { days: 33 }],
  ] as const)('says the notice deadline of a notice period of %s', (_label, noticeDays, params) => {
    const [flag] = evaluate({ contracts: [contract({ expiresOn: '2026-12-31', noticeDays })], reviews: reviewsOf('c1', 'present') }).flags;
    expect(flag.params).toEqual({ contract: '業務委託契約書', ...params });
  });

  it('gives each contract and clause flag whole: code, severity, basis, what it cites, its date and its record', () => {
    const contracts = [contract({ expiresOn: '2027-01-31', noticeDays: 60 })];
    const reviews = reviewsOf('c1', 'present', { 'audit-rights': 'partial', 'incident-notification': 'missing' }).filter((review) => review.clauseType !== 'return-deletion');
    expect(evaluate({ contracts, reviews }).flags).toEqual([
      { code: 'partial-clause', severity: 'warning', basis: 'policy', clauseType: 'audit-rights', requirementIds: ['appi.handling-visibility'], params: { contracts: ['業務委託契約書'], condition: 'entrustment' } },
      { code: 'missing-clause', severity: 'critical', basis: 'policy', variant: 'missing', clauseType: 'incident-notification', requirementIds: ['appi.incident-notice'], params: { contracts: ['業務委託契約書'], condition: 'entrustment' } },
      // A required clause type the checklist has no item for is not reviewed.
      { code: 'missing-clause', severity: 'critical', basis: 'policy', variant: 'not-reviewed', clauseType: 'return-deletion', requirementIds: ['appi.end-of-contract'], params: { contracts: ['業務委託契約書'], condition: 'entrustment' } },
      { code: 'contract-expiring', severity: 'warning', basis: 'statute', requirementIds: ['appi.supervision', 'appi.contract'], dueDate: '2027-01-31', refType: 'contract', refId: 'c1', params: { contract: '業務委託契約書', days: 64, noticeBy: '2026-12-02' } },
    ]);
    expect(evaluate({ contracts: [], reviews: [] }).flags).toEqual([{ code: 'no-contract', severity: 'critical', basis: 'statute', requirementIds: ['appi.supervision', 'appi.contract'], params: {} }]);
  });

  it.each([
    ['a communications vendor without a retention period: a warning per contract in force', { dataCategories: ['communications'] }, [contract({ id: 'a' }), contract({ id: 'b', title: '覚書', retentionPeriod: '契約終了後30日' })],
      [{ code: 'retention-period-missing', severity: 'warning', basis: 'guideline', requirementIds: ['tel.log-retention'], refType: 'contract', refId: 'a', params: { contract: '業務委託契約書' } }]],
    ['with the period recorded on every contract in force: none', { dataCategories: ['communications'] }, [contract({ retentionPeriod: '契約終了後30日' })], []],
    ['a vendor without communications data: none', {}, [contract()], []],
    ['a candidate: none yet', { dataCategories: ['communications'], status: 'candidate' }, [contract()], []],
    ['a terminated vendor: none', { dataCategories: ['communications'], status: 'terminated' }, [contract()], []],
  ] as const)('retention period (legal-model.md §7): %s', (_label, facts, contracts, expected) => {
    const reviews = contracts.flatMap((c) => reviewsOf(c.id, 'present'));
    expect(evaluate({ vendor: facts as Partial<EvaluatedVendor>, contracts: [...contracts], reviews }).flags.filter((flag) => flag.code === 'retention-period-missing')).toEqual(expected);
  });

  it('asks a carrier only for the retention period of communications data', () => {
    const flags = evaluate({ vendor: { dataCategories: ['communications'] }, contracts: [contract()], reviews: reviewsOf('c1', 'present'), profile: { ...profile, telecomCarrier: false } }).flags;
    expect(codes(flags)).toEqual([]);
  });

  it('evaluates the same from clause gaps (the bulk path) as from every checklist item', () => {
    const contracts = [contract()];
    const reviews = reviewsOf('c1', 'present', { 'audit-rights': 'partial', 'incident-notification': 'missing' });
    const fromItems = evaluate({ contracts, reviews });
    const clauseGaps = new Map([['audit-rights', 'partial' as const], ['incident-notification', 'missing' as const]]);
    expect(evaluateVendor({ vendor: vendor(), profile, contracts, clauseGaps, asOf: ASOF }, catalogue)).toEqual(fromItems);
    expect(codes(fromItems.flags)).toEqual(['partial-clause:audit-rights', 'missing-clause:incident-notification']);
  });

  it('evaluates at any asOf: the same facts flag differently in the past and the future', () => {
    const facts = { contracts: [contract({ effectiveFrom: '2026-12-01', expiresOn: '2027-12-31' })], reviews: reviewsOf('c1', 'present') };
    expect(codes(evaluate({ ...facts, asOf: '2026-11-30' }).flags)).toEqual(['no-contract']);
    expect(codes(evaluate({ ...facts, asOf: '2026-12-01' }).flags)).toEqual([]);
    expect(codes(evaluate({ ...facts, asOf: '2027-10-02' }).flags)).toEqual(['contract-expiring']);
    expect(codes(evaluate({ ...facts, asOf: '2028-01-01' }).flags)).toEqual(['no-contract']);
  });
});

describe('a flag\'s binding and the vendor\'s status (legal-model.md §2)', () => {
  it.each([
    ['no flag', [], 'compliant'],
    ['an advisory flag only', ['info'], 'compliant'],
    ['advisory flags and a warning', ['info', 'warning', 'info'], 'at-risk'],
    ['a warning', ['warning'], 'at-risk'],
    ['a critical flag among others', ['info', 'warning', 'critical'], 'non-compliant'],
  ] as const)('%s → %s', (_label, severities, expected) => {
    expect(statusOf(severities.map((severity) => ({ severity })))).toBe(expected);
  });

  it('binds a flag as its strongest applicable requirement, at most its cap; nothing when none applies', () => {
    const applicability = applicabilityFor(vendor({ dataCategories: ['my-number'] }), catalogue, profile);
    expect(bindingFor(applicability, ['appi.periodic-audit'])).toEqual({ basis: 'policy', severity: 'critical' });
    expect(bindingFor(applicability, ['appi.periodic-audit', 'mn.supervision'])).toEqual({ basis: 'statute', severity: 'critical' });
    expect(bindingFor(applicability, ['appi.periodic-audit', 'mn.supervision'], 'warning')).toEqual({ basis: 'statute', severity: 'warning' });
    expect(bindingFor(applicability, ['tel.secrecy'])).toBeNull();
    expect(bindingFor(applicability, [])).toBeNull();
  });

  it.each([['high', 'critical'], ['medium', 'warning'], ['low', 'warning']] as const)('an overdue %s finding is %s', (severity, expected) => {
    expect(findingOverdueSeverity(severity)).toBe(expected);
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
    const contracts: ContractFacts[] = [{ id: 'c', title: 'x', status: 'signed', effectiveFrom: '2020-01-01', expiresOn: '2026-12-01', autoRenew: false }];
    expect(evaluateVendor({ vendor: vendor({ status: 'terminated', dataCategories: [] }), profile, contracts, reviews: [], asOf: ASOF }, catalogue).flags).toEqual([]);
  });
});
