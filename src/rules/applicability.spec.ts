import { loadRequirementsFile } from '../catalogue/requirements-file';
import { applicabilityFor, Catalogue, conditionsFor, requirementApplies, RequirementRule } from './applicability';
import { CLAUSE_TYPES, Condition } from './clause-types';
import { DEFAULT_ORGANISATION_PROFILE, OrganisationProfile } from './organisation-profile';
import { VendorFacts } from './vendor-facts';

/** No telecom carrier, no certification: only the vendor's facts make conditions. */
const plainCompany: OrganisationProfile = { ...DEFAULT_ORGANISATION_PROFILE, telecomCarrier: false };
const domestic: VendorFacts = { country: 'JP', dataLocations: ['JP'], dataCategories: [], dataSubjectCount: null, reentrustmentAllowed: false, gdprApplies: false };

describe('conditions of domain.md that hold for a vendor', () => {
  it.each([
    ['a domestic vendor with no special data', {}, ['always']],
    ['communications data', { dataCategories: ['communications'] }, ['always', 'communications']],
    ['sensitive data (要配慮個人情報)', { dataCategories: ['sensitive'] }, ['always', 'sensitive']],
    ['customer and payment data only', { dataCategories: ['customer', 'payment'] }, ['always']],
    ['a vendor abroad', { country: 'SG' }, ['always', 'abroad']],
    ['data stored abroad', { dataLocations: ['JP', 'US'] }, ['always', 'abroad']],
    ['re-entrustment allowed', { reentrustmentAllowed: true }, ['always', 'reentrustment']],
    ['GDPR applies', { gdprApplies: true }, ['always', 'gdpr']],
    ['all of them', { dataCategories: ['sensitive', 'communications'], country: 'DE', reentrustmentAllowed: true, gdprApplies: true }, ['always', 'communications', 'sensitive', 'abroad', 'reentrustment', 'gdpr']],
  ] as const)('%s → %j', (_label, facts, expected) => {
    expect([...conditionsFor({ ...domestic, ...facts } as VendorFacts, plainCompany)]).toEqual(expected);
  });
});

describe('conditions of the organisation profile (legal-model.md §1)', () => {
  it.each([
    ['the shipped default: a carrier without certifications', DEFAULT_ORGANISATION_PROFILE, ['always', 'telecom-carrier']],
    ['not a carrier', plainCompany, ['always']],
    ['a carrier with the Privacy Mark', { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true }, ['always', 'telecom-carrier', 'privacy-mark']],
    ['ISMS only', { ...plainCompany, isms: true }, ['always', 'isms']],
    ['both certifications, no policy promises', { ...plainCompany, privacyMark: true, isms: true, policyPromises: false }, ['always', 'privacy-mark', 'isms']],
  ] as const)('%s → %j', (_label, profile, expected) => {
    expect([...conditionsFor(domestic, profile)]).toEqual(expected);
  });

  const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
  const frameworksOf = (profile: OrganisationProfile, facts: Partial<VendorFacts> = {}) =>
    [...new Set(applicabilityFor({ ...domestic, ...facts }, catalogue, profile).requirements.map((requirement) => requirement.framework))];
  it.each([
    ['no certification, not a carrier: APPI only', plainCompany, {}, ['APPI']],
    ['a carrier: the telecom rows too', DEFAULT_ORGANISATION_PROFILE, {}, ['APPI', 'Telecom']],
    ['the Privacy Mark: JIS Q 15001', { ...plainCompany, privacyMark: true }, {}, ['APPI', 'JIS']],
    ['ISMS: ISO/IEC 27001', { ...plainCompany, isms: true }, {}, ['APPI', 'ISO']],
    ['everything, for a GDPR vendor', { ...DEFAULT_ORGANISATION_PROFILE, privacyMark: true, isms: true }, { gdprApplies: true }, ['APPI', 'Telecom', 'JIS', 'GDPR', 'ISO']],
  ] as const)('%s', (_label, profile, facts, expected) => {
    expect(frameworksOf(profile, facts)).toEqual(expected);
  });

  it('keeps the telecom rows of communications data for a carrier only', () => {
    const ids = (profile: OrganisationProfile) => applicabilityFor({ ...domestic, dataCategories: ['communications'] }, catalogue, profile).requirementIds.filter((id) => id.startsWith('tel.'));
    expect(ids(DEFAULT_ORGANISATION_PROFILE)).toEqual(['tel.secrecy', 'tel.supervision', 'tel.secrecy-leak', 'tel.log-retention', 'tel.purpose-consent']);
    expect(ids(plainCompany)).toEqual([]);
  });
});

describe('a requirement applies when every one of its conditions holds', () => {
  const rule = (applies: string): RequirementRule => ({ id: 'r', framework: 'GDPR', reference: '28(4)', applies, satisfiedBy: [] });
  it.each([
    ['gdpr', ['always', 'gdpr'], true],
    ['gdpr', ['always'], false],
    ['gdpr+reentrustment', ['always', 'gdpr', 'reentrustment'], true],
    ['gdpr+reentrustment', ['always', 'gdpr'], false],
    ['gdpr+reentrustment', ['always', 'reentrustment'], false],
    ['gdpr+abroad', ['always', 'abroad'], false],
    ['always', ['always'], true],
  ] as const)('%s with %j → %s', (applies, conditions, expected) => {
    expect(requirementApplies(rule(applies), new Set<Condition>(conditions))).toBe(expected);
  });

  it('cites a two-condition requirement only for a vendor with both (GDPR 28(4) flow-down needs GDPR and re-entrustment)', () => {
    const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
    const reentrustment = (facts: Partial<VendorFacts>) => applicabilityFor({ ...domestic, ...facts }, catalogue, plainCompany).citing('clause:reentrustment');
    expect(reentrustment({ gdprApplies: true, reentrustmentAllowed: true })).toContain('gdpr.subprocessor-flowdown');
    expect(reentrustment({ gdprApplies: true })).not.toContain('gdpr.subprocessor-flowdown');
    expect(reentrustment({ reentrustmentAllowed: true })).not.toContain('gdpr.subprocessor-flowdown');
  });
});

describe('applicability of a small catalogue', () => {
  const catalogue: Catalogue = {
    clauseTypes: [
      { code: 'base', requiredWhen: 'always', titleJa: '', titleEn: '', description: '', references: '' },
      { code: 'secrecy', requiredWhen: 'communications', titleJa: '', titleEn: '', description: '', references: '' },
    ],
    requirements: [
      { id: 'r.base', framework: 'APPI', reference: 'Art. 25', applies: 'always', satisfiedBy: ['clause:base', 'duty:audit'] },
      { id: 'r.leak', framework: 'APPI', reference: 'Art. 26', applies: 'sensitive', satisfiedBy: ['clause:base'] },
      { id: 'r.secrecy', framework: 'Telecom', reference: 'TBA Art. 4', applies: 'communications', satisfiedBy: ['clause:secrecy'] },
    ],
  };

  it('lists the applicable requirements, the required clause types and what each clause type or duty satisfies', () => {
    const plain = applicabilityFor(domestic, catalogue, plainCompany);
    expect(plain.requirementIds).toEqual(['r.base']);
    expect(plain.requiredClauseTypes.map((clauseType) => clauseType.code)).toEqual(['base']);
    expect(plain.requiredClauseCitations).toEqual([{ code: 'base', requirementIds: ['r.base'] }]);
    expect(plain.requiredClauses).toEqual([{ clauseType: catalogue.clauseTypes[0], requirementIds: ['r.base'] }]);
    expect(plain.citing('duty:audit')).toEqual(['r.base']);
    expect(plain.citing('duty:selection-assessment')).toEqual([]);

    const telecom = applicabilityFor({ ...domestic, dataCategories: ['communications', 'sensitive'] }, catalogue, plainCompany);
    expect(telecom.requirementIds).toEqual(['r.base', 'r.leak', 'r.secrecy']);
    expect(telecom.requiredClauses.map(({ clauseType, requirementIds }) => [clauseType.code, requirementIds])).toEqual([['base', ['r.base', 'r.leak']], ['secrecy', ['r.secrecy']]]);
  });

  it('tells a sensitive-data vendor from one without, whichever is evaluated first', () => {
    const fresh: Catalogue = { ...catalogue };
    expect(applicabilityFor(domestic, fresh, plainCompany).requirementIds).toEqual(['r.base']);
    expect(applicabilityFor({ ...domestic, dataCategories: ['sensitive'] }, fresh, plainCompany).requirementIds).toEqual(['r.base', 'r.leak']);
    expect(applicabilityFor({ ...domestic, country: 'US' }, fresh, plainCompany).conditions.has('abroad')).toBe(true);
  });

  it('is worked out once per combination of conditions and shared (10,000 vendors stay cheap)', () => {
    const fresh: Catalogue = { ...catalogue };
    const first = applicabilityFor(domestic, fresh, plainCompany);
    expect(applicabilityFor({ ...domestic, dataCategories: ['customer'], dataSubjectCount: 5 }, fresh, plainCompany)).toBe(first);
    expect(applicabilityFor({ ...domestic, gdprApplies: true }, fresh, plainCompany)).not.toBe(first);
    expect(applicabilityFor(domestic, fresh, { ...plainCompany, privacyMark: true })).not.toBe(first);
    expect(applicabilityFor(domestic, fresh, { ...plainCompany, policyPromises: false })).toBe(first);
    expect(first.citing('clause:base')).toBe(first.citing('clause:base'));
  });
});
