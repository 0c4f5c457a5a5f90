import { loadRequirementsFile } from '../catalogue/requirements-file';
import { applicabilityFor, Catalogue } from './applicability';
import { CLAUSE_TYPES } from './clause-types';
import { EvaluatedVendor, evaluateVendor } from './flags';
import { DEFAULT_ORGANISATION_PROFILE } from './organisation-profile';
import { isOverdue, QUESTIONNAIRE_REMINDER_DAYS, QuestionnaireFacts, questionnaireRules, selectQuestionnaireReminders, WaitingQuestionnaire } from './questionnaire-supervision';

const catalogue: Catalogue = { clauseTypes: CLAUSE_TYPES, requirements: loadRequirementsFile() };
const ASOF = '2026-06-10';

const facts = (overrides: Partial<QuestionnaireFacts> = {}): QuestionnaireFacts => ({
  id: 'q1', purpose: 'selection', titleJa: '委託先評価チェックシート', titleEn: 'Vendor selection check', sentOn: '2026-05-01', dueOn: '2026-06-01', answeredOn: null, ...overrides,
});

describe('is a questionnaire overdue on a day?', () => {
  it.each([
    ['waiting, due yesterday', {}, '2026-06-02', true],
    ['waiting, due today', {}, '2026-06-01', false],
    ['waiting, not yet sent on that day', { sentOn: '2026-06-05' }, '2026-06-04', false],
    ['sent that very day, due before (a re-send with a past due date)', { sentOn: '2026-06-04' }, '2026-06-04', true],
    ['answered before that day', { answeredOn: '2026-06-03' }, '2026-06-04', false],
    ['answered on that day', { answeredOn: '2026-06-04' }, '2026-06-04', false],
    ['answered only after that day: it was overdue then', { answeredOn: '2026-06-05' }, '2026-06-04', true],
  ] as const)('%s → %s', (_label, overrides, asOf, expected) => {
    expect(isOverdue(facts(overrides), asOf)).toBe(expected);
  });
});

describe('flag questionnaire-overdue', () => {
  const vendor = (overrides: Partial<EvaluatedVendor> = {}): EvaluatedVendor => ({
    id: 'v1', status: 'active', country: 'JP', dataLocations: ['JP'], dataCategories: ['customer'], dataSubjectCount: null,
    reentrustmentAllowed: false, gdprApplies: false, riskTier: 'medium', activeSince: '2020-04-01',
    relationship: 'entrustment', transferBasis: null, subcontractorApproval: 'prior-approval', subcontractorCountries: [], ...overrides,
  });
  const flagsOf = (questionnaires: QuestionnaireFacts[], vendorFacts: Partial<EvaluatedVendor> = {}, asOf = ASOF) => {
    const evaluated = vendor(vendorFacts);
    const byVendor = new Map([[evaluated.id, questionnaires]]);
    return evaluateVendor({ vendor: evaluated, profile: DEFAULT_ORGANISATION_PROFILE, contracts: [], reviews: [], asOf }, catalogue, questionnaireRules((id) => byVendor.get(id) ?? []))
      .flags;
  };
  const applicability = applicabilityFor(vendor(), catalogue, DEFAULT_ORGANISATION_PROFILE);

  it('is a warning on each overdue questionnaire, citing the duty it serves, with its due date and how late it is', () => {
    const flags = flagsOf([facts(), facts({ id: 'q2', purpose: 'periodic', dueOn: '2026-06-09', titleJa: '取扱状況の報告', titleEn: 'Handling report' }), facts({ id: 'q3', purpose: 'evidence', dueOn: '2026-05-20' })]);
    expect(applicability.citing('duty:selection-assessment')).not.toEqual([]);
    expect(applicability.citing('duty:audit')).not.toEqual(applicability.citing('duty:selection-assessment'));
    expect(flags).toEqual([
      {
        code: 'questionnaire-overdue', basis: 'guideline', severity: 'warning', requirementIds: applicability.citing('duty:selection-assessment'), dueDate: '2026-06-01', refType: 'questionnaire', refId: 'q1',
        params: { titleJa: '委託先評価チェックシート', titleEn: 'Vendor selection check', days: 9 },
      },
      {
        code: 'questionnaire-overdue', basis: 'policy', severity: 'warning', requirementIds: applicability.citing('duty:audit'), dueDate: '2026-06-09', refType: 'questionnaire', refId: 'q2',
        params: { titleJa: '取扱状況の報告', titleEn: 'Handling report', days: 1 },
      },
      {
        code: 'questionnaire-overdue', basis: 'guideline', severity: 'warning', requirementIds: applicability.citing('duty:selection-assessment'), dueDate: '2026-05-20', refType: 'questionnaire', refId: 'q3',
        params: { titleJa: '委託先評価チェックシート', titleEn: 'Vendor selection check', days: 21 },
      },
    ]);
  });

  it('makes an active vendor at risk, not non-compliant', () => {
    const evaluated = vendor();
    const evaluation = evaluateVendor({ vendor: evaluated, profile: DEFAULT_ORGANISATION_PROFILE, contracts: [], reviews: [], asOf: ASOF }, catalogue, questionnaireRules(() => [facts()]));
    expect(evaluation.status).toBe('at-risk');
  });

  it.each([
    ['none when answered', [facts({ answeredOn: '2026-06-01' })], {}],
    ['none when not yet due', [facts({ dueOn: ASOF })], {}],
    ['none for a terminated vendor', [facts()], { status: 'terminated' as const }],
    ['none without questionnaires', [], {}],
  ] as const)('%s', (_label, questionnaires, vendorFacts) => {
    expect(flagsOf([...questionnaires], vendorFacts)).toEqual([]);
  });

  it('is company policy, a warning, when no applicable requirement asks for the duty it serves (joint use)', () => {
    expect(applicabilityFor(vendor({ relationship: 'joint-use' }), catalogue, DEFAULT_ORGANISATION_PROFILE).citing('duty:selection-assessment')).toEqual([]);
    expect(flagsOf([facts()], { relationship: 'joint-use' })).toEqual([{
      code: 'questionnaire-overdue', basis: 'policy', severity: 'warning', requirementIds: [], dueDate: '2026-06-01', refType: 'questionnaire', refId: 'q1',
      params: { titleJa: '委託先評価チェックシート', titleEn: 'Vendor selection check', days: 9 },
    }]);
  });

  it.each(['candidate', 'offboarding'] as const)('also for a %s vendor', (status) => {
    expect(flagsOf([facts()], { status }).map((flag) => flag.refId)).toEqual(['q1']);
  });
});

describe('reminders to the vendor contact', () => {
  const waiting = (overrides: Partial<WaitingQuestionnaire> = {}): WaitingQuestionnaire => ({
    id: 'q1', vendorId: 'v1', vendorStatus: 'active', contactEmail: 'Tanaka@Vendor.example', dueOn: '2026-06-30', ...overrides,
  });
  const keys = (asOf: string, overrides: Partial<WaitingQuestionnaire> = {}, grace?: number) =>
    selectQuestionnaireReminders([waiting(overrides)], asOf, QUESTIONNAIRE_REMINDER_DAYS, grace).map((reminder) => `${reminder.rule}/${reminder.threshold}/${reminder.params.days}`);

  it('reminds 7 and 1 days before by default', () => {
    expect(QUESTIONNAIRE_REMINDER_DAYS).toEqual([7, 1]);
  });

  it.each([
    ['2026-06-22', []],
    ['2026-06-23', ['questionnaire-due/7/7']],
    ['2026-06-28', ['questionnaire-due/7/2']],
    ['2026-06-29', ['questionnaire-due/1/1']],
    ['2026-06-30', ['questionnaire-due/1/0']],
    ['2026-07-01', ['questionnaire-overdue/overdue-1/1']],
    ['2026-07-07', ['questionnaire-overdue/overdue-1/7']],
    ['2026-07-08', ['questionnaire-overdue/overdue-2/8']],
    ['2026-07-14', ['questionnaire-overdue/overdue-2/14']],
    ['2026-07-15', []],
  ] as const)('on %s: %j', (asOf, expected) => {
    expect(keys(asOf)).toEqual(expected);
  });

  it('stops once the link has expired (the grace period), whatever its length', () => {
    expect(keys('2026-07-03', {}, 2)).toEqual([]);
    expect(keys('2026-07-02', {}, 2)).toEqual(['questionnaire-overdue/overdue-1/2']);
    expect(keys('2026-07-22', {}, 30)).toEqual(['questionnaire-overdue/overdue-4/22']);
  });

  it('keys each reminder by questionnaire, threshold, due date and the contact (lower case)', () => {
    expect(selectQuestionnaireReminders([waiting(), waiting({ id: 'q2', vendorId: 'v2', contactEmail: 'sato@other.example', dueOn: '2026-06-24' })], '2026-06-23')).toEqual([
      { rule: 'questionnaire-due', subjectId: 'q1', vendorId: 'v1', threshold: '7', dueDate: '2026-06-30', recipient: 'tanaka@vendor.example', params: { days: 7 } },
      { rule: 'questionnaire-due', subjectId: 'q2', vendorId: 'v2', threshold: '1', dueDate: '2026-06-24', recipient: 'sato@other.example', params: { days: 1 } },
    ]);
  });

  it('follows other thresholds', () => {
    expect(selectQuestionnaireReminders([waiting()], '2026-06-16', [14, 3]).map((reminder) => reminder.threshold)).toEqual(['14']);
  });

  it.each(['candidate', 'active', 'offboarding'] as const)('reminds a %s vendor', (vendorStatus) => {
    expect(keys('2026-06-29', { vendorStatus })).toEqual(['questionnaire-due/1/1']);
  });

  it('leaves a terminated vendor quiet', () => {
    expect(keys('2026-06-29', { vendorStatus: 'terminated' })).toEqual([]);
    expect(keys('2026-07-01', { vendorStatus: 'terminated' })).toEqual([]);
  });
});
