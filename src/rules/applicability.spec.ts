import { loadRequirementsFile } from '../catalogue/requirements-file';
import { applicabilityFor, Catalogue, conditionsFor, matchingAlternative, requirementApplies, RequirementRule } from './applicability';
import { CLAUSE_TYPES, ClauseTypeDefinition, Condition } from './clause-types';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';
import { VendorFacts } from './vendor-facts';

/** No telecom carrier, no certification: only the vendor's facts make conditions. */
const plainCompany: OrganisationProfile = { ...DEFAULT_ORGANISATION_PROFILE, telecomCarrier: false };
const domestic: VendorFacts = {
  country: 'JP', dataLocations: ['JP'], dataCategories: [], dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false,
  relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [],
};

describe('conditions that hold for a vendor', () => {
  it.each([
    ['a domestic entrusted vendor with no special data', {}, ['always', 'entrustment']],
    ['a cloud service that does not handle the data', { relationship: 'cloud-no-handling' }, ['always', 'cloud-no-handling']],
    ['joint use', { relationship: 'joint-use' }, ['always', 'joint-use']],
    ['provision', { relationship: 'provision' }, ['always', 'provision']],
    ['communications data', { dataCategories: ['communications'] }, ['always', 'entrustment', 'communications']],
    ['special-care data (要配慮個人情報)', { dataCategories: ['sensitive'] }, ['always', 'entrustment', 'sensitive']],
    ['customer and payment data', { dataCategories: ['customer', 'payment'] }, ['always', 'entrustment', 'payment']],
    ['My Number data', { dataCategories: ['my-number'] }, ['always', 'entrustment', 'my-number']],
    ['a Japanese vendor storing data in Singapore: abroad, no foreign recipient', { dataLocations: ['JP', 'SG'] }, ['always', 'entrustment', 'abroad']],
    ['a Japanese vendor with a US subcontractor: abroad', { subcontractorCountries: ['US'] }, ['always', 'entrustment', 'abroad']],
    ['a US vendor: abroad and a foreign recipient', { country: 'US' }, ['always', 'entrustment', 'abroad', 'foreign-recipient']],
    ['a US vendor with a 基準適合体制', { country: 'US', transferBasis: 'equivalent-system' }, ['always', 'entrustment', 'abroad', 'foreign-recipient', 'equivalent-system']],
    ['a US vendor with consent', { country: 'US', transferBasis: 'consent' }, ['always', 'entrustment', 'abroad', 'foreign-recipient']],
    ['a French vendor: abroad, designated (no foreign recipient)', { country: 'FR' }, ['always', 'entrustment', 'abroad']],
    ['re-entrustment allowed', { reentrustmentAllowed: true }, ['always', 'entrustment', 'reentrustment']],
    ['GDPR applies', { gdprApplies: true }, ['always', 'entrustment', 'gdpr']],
  ] as const)('%s → %j', (_label, facts, expected) => {
    expect([...conditionsFor({ ...domestic, ...facts } as VendorFacts, plainCompany)]).toEqual(expected);
  });

  it.each([
    ['the shipped default: a carrier without certifications', DEFAULT_ORGANISATION_PROFILE, ['always', 'entrustment', 'telecom-carrier']],
    ['not a carrier', plainCompany, ['always', 'entrustment']],
    ['a carrier with the Privacy Mark', { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true }, ['always', 'entrustment', 'telecom-carrier', 'privacy-mark']],
    ['ISMS only', { ...plainCompany, isms: true }, ['always', 'entrustment', 'isms']],
    ['no policy promises: no condition of its own', { ...plainCompany, policyPromises: false }, ['always', 'entrustment']],
  ] as const)('of the organisation profile: %s → %j', (_label, profile, expected) => {
    expect([...conditionsFor(domestic, profile)]).toEqual(expected);
  });
});

describe('applies expressions: "+" all of, "|" one of', () => {
  const holding = new Set<Condition>(['always', 'entrustment', 'sensitive']);
  it.each([
    ['entrustment', ['entrustment']],
    ['entrustment+sensitive', ['entrustment', 'sensitive']],
    ['entrustment+payment', null],
    ['entrustment+payment|entrustment+sensitive', ['entrustment', 'sensitive']],
    ['provision|entrustment', ['entrustment']],
    ['payment|gdpr', null],
    ['always', ['always']],
  ])('%s → %j', (applies, expected) => {
    expect(matchingAlternative(applies, holding)).toEqual(expected);
    expect(requirementApplies({ applies }, holding)).toBe(expected !== null);
  });
});

describe('applicability of a small catalogue', () => {
  const clause = (code: string, requiredWhen: string): ClauseTypeDefinition => ({ code, requiredWhen, titleJa: '', titleEn: '', description: '' });
  const rule = (id: string, applies: string, basis: RequirementRule['basis'], severity: RequirementRule['severity'], satisfiedBy: string[]): RequirementRule =>
    ({ id, framework: 'APPI', applies, basis, severity, satisfiedBy });
  const catalogue: Catalogue = {
    clauseTypes: [clause('base', 'entrustment'), clause('secrecy', 'entrustment+communications'), clause('terms', 'entrustment'), clause('cloud', 'cloud-no-handling|entrustment+abroad')],
    requirements: [
      rule('r.base', 'entrustment', 'statute', 'critical', ['clause:base', 'duty:audit']),
      rule('r.leak', 'entrustment+sensitive', 'statute', 'critical', ['clause:base']),
      rule('r.secrecy', 'communications+entrustment', 'statute', 'critical', ['clause:secrecy']),
      rule('r.terms', 'entrustment', 'policy', 'critical', ['clause:terms']),
      rule('r.audit', 'entrustment', 'policy', 'warning', ['duty:audit']),
      rule('r.cloud', 'cloud-no-handling|abroad', 'guideline', 'critical', ['clause:cloud']),
    ],
  };

  it('lists the applicable requirements, the required clause types (their condition holds and a requirement asks for them) and why', () => {
    const plain = applicabilityFor(domestic, catalogue, plainCompany);
    expect(plain.requirementIds).toEqual(['r.base', 'r.terms', 'r.audit']);
    expect(plain.requiredClauseTypes.map((clauseType) => clauseType.code)).toEqual(['base', 'terms']);
    expect(plain.requiredClauseCitations).toEqual([{ code: 'base', requirementIds: ['r.base'] }, { code: 'terms', requirementIds: ['r.terms'] }]);
    expect(plain.requiredClauses).toEqual([
      { clauseType: catalogue.clauseTypes[0], requirementIds: ['r.base'], binding: { basis: 'statute', severity: 'critical' }, reason: 'entrustment' },
      { clauseType: catalogue.clauseTypes[2], requirementIds: ['r.terms'], binding: { basis: 'policy', severity: 'critical' }, reason: 'entrustment' },
    ]);
    expect(plain.citing('duty:audit')).toEqual(['r.base', 'r.audit']);
    expect(plain.citing('duty:selection-assessment')).toEqual([]);
    expect(plain.bindingOf(['r.audit'])).toEqual({ basis: 'policy', severity: 'warning' });
    expect(plain.bindingOf(['r.audit', 'r.base'])).toEqual({ basis: 'statute', severity: 'critical' });
    expect(plain.bindingOf(['r.secrecy', 'unknown'])).toBeNull();
    expect(plain.requirements.map((requirement) => requirement.binding)).toEqual([
      { basis: 'statute', severity: 'critical' }, { basis: 'policy', severity: 'critical' }, { basis: 'policy', severity: 'warning' },
    ]);

    const telecom = applicabilityFor({ ...domestic, dataCategories: ['communications', 'sensitive'] }, catalogue, plainCompany);
    expect(telecom.requirementIds).toEqual(['r.base', 'r.leak', 'r.secrecy', 'r.terms', 'r.audit']);
    expect(telecom.requiredClauses.map(({ clauseType, requirementIds, reason }) => [clauseType.code, requirementIds, reason])).toEqual([
      ['base', ['r.base', 'r.leak'], 'entrustment'], ['secrecy', ['r.secrecy'], 'communications'], ['terms', ['r.terms'], 'entrustment'],
    ]);
  });

  it('requires a clause type only when its condition holds: the cloud clause for a cloud service, or an entrusted vendor abroad', () => {
    expect(applicabilityFor({ ...domestic, relationship: 'cloud-no-handling' }, catalogue, plainCompany).requiredClauses.map(({ clauseType, reason }) => [clauseType.code, reason]))
      .toEqual([['cloud', 'cloud-no-handling']]);
    expect(applicabilityFor({ ...domestic, dataLocations: ['SG'] }, catalogue, plainCompany).requiredClauses.map(({ clauseType, reason }) => [clauseType.code, reason]))
      .toEqual([['base', 'entrustment'], ['terms', 'entrustment'], ['cloud', 'abroad']]);
    // Joint use: nothing applies, nothing is required.
    const joint = applicabilityFor({ ...domestic, relationship: 'joint-use', dataLocations: ['SG'] }, catalogue, plainCompany);
    expect([joint.requirementIds, joint.requiredClauseTypes]).toEqual([['r.cloud'], []]);
  });

  it('makes policy rows recommendations (info) when the privacy policy makes no promises', () => {
    const noPromises = applicabilityFor(domestic, catalogue, { ...plainCompany, policyPromises: false });
    expect(noPromises.requiredClauses.map(({ clauseType, binding }) => [clauseType.code, binding])).toEqual([
      ['base', { basis: 'statute', severity: 'critical' }], ['terms', { basis: 'recommended', severity: 'info' }],
    ]);
    expect(noPromises.bindingOf(['r.audit'])).toEqual({ basis: 'recommended', severity: 'info' });
  });

  it('is worked out once per combination of conditions (and of policy promises) and shared', () => {
    const fresh: Catalogue = { ...catalogue };
    const first = applicabilityFor(domestic, fresh, plainCompany);
    expect(applicabilityFor({ ...domestic, dataCategories: ['customer'], dataSubjectCount: 5, transferBasis: 'consent', subcontractorApproval: 'objection-period' }, fresh, plainCompany)).toBe(first);
    expect(first.citing('clause:base')).toBe(first.citing('clause:base'));
    const others: Array<[Partial<VendorFacts>, Partial<OrganisationProfile>]> = [
      [{ relationship: 'cloud-no-handling' }, {}], [{ relationship: 'joint-use' }, {}], [{ relationship: 'provision' }, {}],
      [{ dataCategories: ['communications'] }, {}], [{ dataCategories: ['sensitive'] }, {}], [{ dataCategories: ['payment'] }, {}], [{ dataCategories: ['my-number'] }, {}],
      [{ dataLocations: ['SG'] }, {}], [{ country: 'US' }, {}], [{ country: 'US', transferBasis: 'equivalent-system' }, {}],
      [{ reentrustmentAllowed: true }, {}], [{ gdprApplies: true }, {}],
      [{}, { telecomCarrier: true }], [{}, { privacyMark: true }], [{}, { isms: true }], [{}, { policyPromises: false }],
    ];
    const seen = new Set([first]);
    for (const [facts, profile] of others) seen.add(applicabilityFor({ ...domestic, ...facts }, fresh, { ...plainCompany, ...profile }));
    expect(seen.size).toBe(others.length + 1);
    // A French vendor has the conditions of a Japanese one storing data abroad: the same applicability.
    expect(applicabilityFor({ ...domestic, country: 'FR' }, fresh, plainCompany)).toBe(applicabilityFor({ ...domestic, dataLocations: ['SG'] }, fresh, plainCompany));
  });
});

describe('applicability of the shipped catalogue', () => {
  const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
  const frameworksOf = (profile: OrganisationProfile, facts: Partial<VendorFacts> = {}) =>
    [...new Set(applicabilityFor({ ...domestic, ...facts }, catalogue, profile).requirements.map((requirement) => requirement.framework))];
  it.each([
    ['no certification, not a carrier: APPI only', plainCompany, {}, ['APPI']],
    ['a carrier: the telecom rows too', DEFAULT_ORGANISATION_PROFILE, {}, ['APPI', 'Telecom']],
    ['the Privacy Mark: JIS Q 15001', { ...plainCompany, privacyMark: true }, {}, ['APPI', 'JIS']],
    ['ISMS: ISO/IEC 27001', { ...plainCompany, isms: true }, {}, ['APPI', 'ISO']],
    ['My Number data: the 番号法 rows', plainCompany, { dataCategories: ['my-number'] }, ['APPI', 'MyNumber']],
    ['everything, for a GDPR vendor', { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true, isms: true }, { gdprApplies: true }, ['APPI', 'Telecom', 'JIS', 'GDPR', 'ISO']],
  ] as const)('%s', (_label, profile, facts, expected) => {
    expect(frameworksOf(profile, facts as Partial<VendorFacts>)).toEqual(expected);
  });

  it('keeps the telecom rows of communications data for a carrier only', () => {
    const ids = (profile: OrganisationProfile) => applicabilityFor({ ...domestic, dataCategories: ['communications'] }, catalogue, profile).requirementIds.filter((id) => id.startsWith('tel.'));
    expect(ids(DEFAULT_ORGANISATION_PROFILE)).toEqual(['tel.secrecy', 'tel.supervision', 'tel.secrecy-leak', 'tel.log-retention', 'tel.purpose-consent']);
    expect(ids(plainCompany)).toEqual([]);
  });

  it('cites a three-condition requirement only for a vendor with all three (GDPR 28(4) flow-down: entrustment, GDPR and re-entrustment)', () => {
    const reentrustment = (facts: Partial<VendorFacts>) => applicabilityFor({ ...domestic, ...facts }, catalogue, plainCompany).citing('clause:reentrustment');
    expect(reentrustment({ gdprApplies: true, reentrustmentAllowed: true })).toEqual(['appi.reentrust-terms', 'gdpr.subprocessor-auth', 'gdpr.subprocessor-flowdown']);
    expect(reentrustment({ gdprApplies: true })).toEqual(['appi.reentrust-terms', 'gdpr.subprocessor-auth']);
    expect(reentrustment({ reentrustmentAllowed: true })).toEqual(['appi.reentrust-terms']);
  });
});
