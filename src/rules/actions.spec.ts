import {
  Action,
  ACTION_KINDS,
  ACTION_RULES,
  ActionFlag,
  actionRuleOf,
  actionsOf,
  ActionVendor,
  compareActions,
  matchesFilter,
  responsibleRoleOf,
  vendorActions,
} from './actions';

const ASOF = '2026-11-30';

const vendor = (overrides: Partial<ActionVendor> = {}): ActionVendor => ({
  id: 'v1', name: '株式会社あいう', riskTier: 'medium', ownerEmail: 'owner@example.test', contractsInForce: [{ id: 'c1', title: '業務委託契約書' }], openAuditId: null, flags: [], ...overrides,
});
const flag = (code: string, overrides: Partial<ActionFlag> = {}): ActionFlag => ({ code, severity: 'critical', params: {}, ...overrides });
const only = (flags: ActionFlag[], overrides: Partial<ActionVendor> = {}): Action => {
  const actions = vendorActions(vendor({ flags, ...overrides }), ASOF);
  expect(actions).toHaveLength(1);
  return actions[0];
};

describe('action kinds of flag codes', () => {
  it.each([
    ['no-contract', 'register-contract', 'vendor', 'legal'],
    ['missing-clause', 'review-contract', 'vendor', 'legal'],
    ['partial-clause', 'review-contract', 'vendor', 'legal'],
    ['retention-period-missing', 'review-contract', 'vendor', 'legal'],
    ['contract-expiring', 'renew-contract', 'ref', 'legal'],
    ['selection-missing', 'record-selection', 'vendor', 'compliance'],
    ['selection-incomplete', 'record-selection', 'vendor', 'compliance'],
    ['audit-overdue', 'conduct-audit', 'vendor', 'compliance'],
    ['audit-due-soon', 'conduct-audit', 'vendor', 'compliance'],
    ['finding-overdue', 'close-finding', 'ref', 'compliance'],
    ['subcontractor-unapproved', 'approve-subcontractor', 'ref', 'compliance'],
    ['subcontractor-objection-open', 'approve-subcontractor', 'ref', 'compliance'],
    ['certificate-expired', 'renew-certificate', 'ref', 'compliance'],
    ['foreign-review-overdue', 'review-foreign-regime', 'vendor', 'compliance'],
    ['external-environment-missing', 'review-external-environment', 'vendor', 'compliance'],
    ['transfer-basis-missing', 'record-transfer-basis', 'vendor', 'compliance'],
    ['deletion-certificate-missing', 'obtain-deletion-certificate', 'vendor', 'compliance'],
    ['incident-audit-due', 'conduct-audit', 'vendor', 'compliance'],
    ['incident-audit-overdue', 'conduct-audit', 'vendor', 'compliance'],
    ['incident-report-due', 'report-incident', 'ref', 'compliance'],
    ['incident-report-overdue', 'report-incident', 'ref', 'compliance'],
    ['questionnaire-overdue', 'chase-questionnaire', 'ref', 'compliance'],
    ['a-code-from-a-later-release', 'resolve-flag', 'vendor', 'compliance'],
    ['toString', 'resolve-flag', 'vendor', 'compliance'],
  ])('%s → %s per %s, by %s', (code, kind, per, role) => {
    expect(actionRuleOf(code)).toEqual({ kind, per });
    expect(responsibleRoleOf(actionRuleOf(code).kind)).toBe(role);
  });

  it('every kind but the default has a code, and the default has none', () => {
    const mapped = new Set(Object.values(ACTION_RULES).map((rule) => rule.kind));
    expect(ACTION_KINDS.filter((kind) => !mapped.has(kind))).toEqual(['resolve-flag']);
  });

  it('a kind is grouped one way for all its codes', () => {
    for (const kind of ACTION_KINDS) expect(new Set(Object.values(ACTION_RULES).filter((rule) => rule.kind === kind).map((rule) => rule.per)).size).toBeLessThanOrEqual(1);
  });
});

describe('one action per thing to do', () => {
  it('fourteen clause types not reviewed and one partial are one review of the one contract in force, critical', () => {
    const flags = [
      ...Array.from({ length: 14 }, (_, n) => flag('missing-clause', { variant: 'not-reviewed', params: { contracts: ['業務委託契約書'], n } })),
      flag('partial-clause', { severity: 'warning', variant: undefined }),
      flag('missing-clause', { variant: 'missing' }),
    ];
    expect(only(flags)).toEqual({
      kind: 'review-contract', vendorId: 'v1', vendorName: '株式会社あいう', severity: 'critical', riskTier: 'medium', dueDate: null, daysOverdue: 0,
      responsibleRole: 'legal', responsiblePerson: 'owner@example.test', target: { page: 'contract', id: 'c1' },
      flagCodes: ['missing-clause', 'partial-clause'], flagCount: 16, variants: { 'not-reviewed': 14, partial: 1, missing: 1 }, subject: '業務委託契約書', refId: null,
    });
  });

  it('a contract without its retention period is part of the review of that contract, not a line of its own', () => {
    const flags = [
      ...Array.from({ length: 11 }, () => flag('missing-clause', { variant: 'not-reviewed' })),
      flag('retention-period-missing', { severity: 'warning', refType: 'contract', refId: 'c1', params: { contract: '業務委託契約書' } }),
    ];
    expect(only(flags)).toMatchObject({
      kind: 'review-contract', severity: 'critical', responsibleRole: 'legal', target: { page: 'contract', id: 'c1' }, subject: '業務委託契約書', refId: null,
      flagCodes: ['missing-clause', 'retention-period-missing'], flagCount: 12, variants: { 'not-reviewed': 11, 'retention-period-missing': 1 },
    });
    // Once the clauses are reviewed, the missing period alone is still that review, a warning, on the contract's page.
    expect(only([flag('retention-period-missing', { severity: 'warning', refType: 'contract', refId: 'c1', params: { contract: '業務委託契約書' } })])).toMatchObject({
      kind: 'review-contract', severity: 'warning', target: { page: 'contract', id: 'c1' }, flagCodes: ['retention-period-missing'], flagCount: 1,
    });
  });

  it('abroad is two questions, two lines on two pages: the transfer basis (a vendor field) and the external environment (a review)', () => {
    const actions = vendorActions(vendor({ flags: [flag('transfer-basis-missing', { params: { country: 'US' } }), flag('external-environment-missing', { params: { countries: ['US'] } })] }), ASOF);
    expect(actions.map((action) => [action.kind, action.severity, action.target, action.responsibleRole])).toEqual([
      ['record-transfer-basis', 'critical', { page: 'vendor-edit', id: 'v1' }, 'compliance'],
      ['review-external-environment', 'critical', { page: 'new-assessment', id: 'v1' }, 'compliance'],
    ]);
  });

  it('a partial clause alone is a warning; the severity rises with a critical flag that follows', () => {
    expect(only([flag('partial-clause', { severity: 'warning' })]).severity).toBe('warning');
    expect(only([flag('partial-clause', { severity: 'warning' }), flag('missing-clause', { variant: 'missing' })]).severity).toBe('critical');
    expect(only([flag('missing-clause', { variant: 'missing' }), flag('partial-clause', { severity: 'warning' })]).severity).toBe('critical');
  });

  it('two warnings stay a warning', () => {
    expect(only([flag('partial-clause', { severity: 'warning' }), flag('partial-clause', { severity: 'warning' })]).severity).toBe('warning');
  });

  it('flags grouped per vendor are one action even when they name records', () => {
    expect(only([flag('missing-clause', { refId: 'x' }), flag('missing-clause', { refId: 'y' })])).toMatchObject({ refId: null, flagCount: 2 });
  });

  it('with several contracts in force the review goes to the vendor page, without a subject', () => {
    const action = only([flag('missing-clause', { variant: 'not-reviewed' })], { contractsInForce: [{ id: 'c1', title: 'A' }, { id: 'c2', title: 'B' }] });
    expect([action.target, action.subject]).toEqual([{ page: 'vendor', id: 'v1' }, null]);
  });

  it('one action per record for ref kinds, each with its own subject and due date', () => {
    const actions = vendorActions(vendor({
      flags: [
        flag('finding-overdue', { refType: 'finding', refId: 'f1', dueDate: '2026-11-01', params: { title: '鍵管理' } }),
        flag('finding-overdue', { severity: 'warning', refType: 'finding', refId: 'f2', dueDate: '2026-11-20', params: { title: 'ログ保存' } }),
      ],
    }), ASOF);
    expect(actions.map((action) => [action.kind, action.refId, action.subject, action.severity, action.dueDate, action.daysOverdue, action.flagCount, action.target])).toEqual([
      ['close-finding', 'f1', '鍵管理', 'critical', '2026-11-01', 29, 1, { page: 'findings', id: 'v1' }],
      ['close-finding', 'f2', 'ログ保存', 'warning', '2026-11-20', 10, 1, { page: 'findings', id: 'v1' }],
    ]);
  });

  it('an incident\'s reports are made on the incident\'s page, an overdue questionnaire chased on its own page, each its own line', () => {
    const actions = vendorActions(vendor({ flags: [
      flag('incident-report-overdue', { dueDate: '2026-11-20', refType: 'incident', refId: 'i1', params: { title: '誤送信' } }),
      flag('incident-report-due', { severity: 'warning', dueDate: '2026-12-01', refType: 'incident', refId: 'i1', params: { title: '誤送信' } }),
      flag('incident-report-due', { severity: 'warning', dueDate: '2026-12-02', refType: 'incident', refId: 'i2', params: { title: '紛失' } }),
      flag('questionnaire-overdue', { severity: 'warning', dueDate: '2026-11-10', refType: 'questionnaire', refId: 'q1', params: { titleJa: '定期点検', titleEn: 'Periodic check', days: 20 } }),
      flag('incident-audit-overdue', { dueDate: '2026-11-01' }),
      flag('audit-due-soon', { severity: 'warning', dueDate: '2026-12-20' }),
    ] }), ASOF);
    expect(actions.map((action) => [action.kind, action.severity, action.target, action.subject, action.dueDate, action.daysOverdue, action.flagCount])).toEqual([
      ['report-incident', 'critical', { page: 'incident', id: 'i1' }, '誤送信', '2026-11-20', 10, 2],
      ['report-incident', 'warning', { page: 'incident', id: 'i2' }, '紛失', '2026-12-02', 0, 1],
      ['chase-questionnaire', 'warning', { page: 'questionnaire', id: 'q1' }, null, '2026-11-10', 20, 1],
      ['conduct-audit', 'critical', { page: 'new-audit', id: 'v1' }, null, '2026-11-01', 29, 2],
    ]);
  });

  it('a ref flag without its record still makes one action, on the vendor', () => {
    expect(only([flag('contract-expiring', { severity: 'warning', dueDate: '2027-01-31', params: { contract: '覚書' } })])).toMatchObject({ refId: null, target: { page: 'vendor', id: 'v1' }, subject: '覚書' });
    expect(only([flag('incident-report-due', { params: { title: '誤送信' } })])).toMatchObject({ refId: null, target: { page: 'vendor', id: 'v1' }, subject: '誤送信' });
    expect(only([flag('questionnaire-overdue', { params: {} })])).toMatchObject({ refId: null, target: { page: 'vendor', id: 'v1' } });
  });

  it('a renewal keeps to the notice deadline before the expiry; without one, to the expiry', () => {
    expect(only([flag('contract-expiring', { severity: 'warning', refId: 'c9', dueDate: '2027-01-31', params: { contract: '覚書', noticeBy: '2026-12-31' } })])).toMatchObject({
      kind: 'renew-contract', dueDate: '2026-12-31', daysOverdue: 0, target: { page: 'contract', id: 'c9' }, subject: '覚書', refId: 'c9', responsibleRole: 'legal',
    });
    expect(only([flag('contract-expiring', { severity: 'warning', refId: 'c9', dueDate: '2027-01-31', params: { contract: '覚書', noticeBy: '' } })]).dueDate).toBe('2027-01-31');
    expect(only([flag('contract-expiring', { severity: 'warning', refId: 'c9', dueDate: '2027-01-31', params: { contract: '覚書', noticeBy: 20261231 } })]).dueDate).toBe('2027-01-31');
  });

  it('the earliest due date of the grouped flags counts, whatever their order', () => {
    const audit = (dueDate?: string) => flag('audit-overdue', { dueDate });
    expect(only([audit('2026-10-18'), audit('2026-09-01')]).dueDate).toBe('2026-09-01');
    expect(only([audit('2026-09-01'), audit('2026-10-18')]).dueDate).toBe('2026-09-01');
    expect(only([audit(undefined), audit('2026-10-18')]).dueDate).toBe('2026-10-18');
    expect(only([audit('2026-10-18'), audit(undefined)]).dueDate).toBe('2026-10-18');
  });

  it.each([
    ['43 days overdue', '2026-10-18', 43],
    ['due yesterday', '2026-11-29', 1],
    ['due today: not overdue', '2026-11-30', 0],
    ['due in a week', '2026-12-07', 0],
  ])('days overdue: %s', (_label, dueDate, days) => {
    expect(only([flag('audit-overdue', { dueDate })]).daysOverdue).toBe(days);
  });

  it('an audit goes to the planned audit when there is one, else to a new audit', () => {
    expect(only([flag('audit-overdue', { dueDate: '2026-10-18' })]).target).toEqual({ page: 'new-audit', id: 'v1' });
    expect(only([flag('audit-overdue', { dueDate: '2026-10-18' })], { openAuditId: 'a7' }).target).toEqual({ page: 'audit', id: 'a7' });
  });

  it.each([
    ['no-contract', { page: 'new-contract', id: 'v1' }],
    ['selection-missing', { page: 'new-assessment', id: 'v1' }],
    ['foreign-review-overdue', { page: 'new-assessment', id: 'v1' }],
    ['external-environment-missing', { page: 'new-assessment', id: 'v1' }],
    ['certificate-expired', { page: 'new-certificate', id: 'v1' }],
    ['transfer-basis-missing', { page: 'vendor-edit', id: 'v1' }],
    ['deletion-certificate-missing', { page: 'new-deletion-certificate', id: 'v1' }],
    ['subcontractor-unapproved', { page: 'vendor', id: 'v1' }],
    ['a-new-code', { page: 'vendor', id: 'v1' }],
    ['incident-report-due', { page: 'incident', id: 'r1' }],
    ['questionnaire-overdue', { page: 'questionnaire', id: 'r1' }],
  ])('%s is fixed on %j', (code, target) => {
    expect(only([flag(code, { refId: 'r1' })]).target).toEqual(target);
  });

  it('two unknown codes are two actions; two flags of one unknown code are one', () => {
    const actions = vendorActions(vendor({ flags: [flag('new-a'), flag('new-b'), flag('new-a', { variant: 'other' })] }), ASOF);
    expect(actions.map((action) => [action.kind, action.flagCodes, action.flagCount, action.variants])).toEqual([
      ['resolve-flag', ['new-a'], 2, { 'new-a': 1, other: 1 }],
      ['resolve-flag', ['new-b'], 1, { 'new-b': 1 }],
    ]);
  });

  it('advisory and unknown severities ask for nothing', () => {
    expect(vendorActions(vendor({ flags: [flag('joint-use', { severity: 'info' }), flag('missing-clause', { severity: 'notice' })] }), ASOF)).toEqual([]);
  });

  it.each([
    ['oversight-not-applicable'],
    ['transfer-basis-missing'],
    ['missing-clause'],
  ])('an advisory (info) %s asks for nothing, beside a flag that does', (code) => {
    expect(vendorActions(vendor({ flags: [flag(code, { severity: 'info' }), flag('audit-overdue', { dueDate: '2026-10-18' })] }), ASOF).map((action) => [action.kind, action.flagCount])).toEqual([['conduct-audit', 1]]);
  });

  it.each([
    [{ contract: '契約A', title: 'T', name: 'N' }, '契約A'],
    [{ title: 'T', name: 'N' }, 'T'],
    [{ name: 'N' }, 'N'],
    [{ contract: '', title: 'T' }, 'T'],
    [{ contract: 7, name: 'N' }, 'N'],
    [{ kind: 'soc2' }, null],
  ])('subject of params %j is %p', (params, subject) => {
    expect(only([flag('subcontractor-unapproved', { refId: 's1', params })]).subject).toBe(subject);
  });

  it('the person responsible is the vendor owner, or nobody', () => {
    expect(only([flag('no-contract')], { ownerEmail: null }).responsiblePerson).toBeNull();
  });
});

describe('order: severity, days overdue, risk tier, due date, vendor name', () => {
  const action = (overrides: Partial<Action>): Action => ({
    ...only([flag('no-contract')]), ...overrides,
  });

  it.each([
    ['critical before warning', { severity: 'critical', daysOverdue: 0 }, { severity: 'warning', daysOverdue: 90 }],
    ['more days overdue first', { daysOverdue: 43, riskTier: 'low' }, { daysOverdue: 5, riskTier: 'high' }],
    ['high tier before medium', { riskTier: 'high', dueDate: '2027-01-01' }, { riskTier: 'medium', dueDate: '2026-12-01' }],
    ['medium tier before low', { riskTier: 'medium' }, { riskTier: 'low' }],
    ['earlier due date first', { dueDate: '2026-12-01', vendorName: 'ん' }, { dueDate: '2026-12-02', vendorName: 'あ' }],
    ['a due date before none', { dueDate: '2027-12-01' }, { dueDate: null }],
    ['vendor name in Japanese order', { vendorName: 'あいう', vendorId: 'v9' }, { vendorName: 'かきく', vendorId: 'v1' }],
    ['vendor id when names are equal', { vendorId: 'v1' }, { vendorId: 'v2' }],
    ['kind order', { kind: 'register-contract' }, { kind: 'review-contract' }],
    ['subject', { subject: 'A' }, { subject: 'B' }],
    ['no subject first', { subject: null }, { subject: 'A' }],
    ['record id', { refId: 'a' }, { refId: 'b' }],
    ['no record id first', { refId: null }, { refId: 'a' }],
  ] as Array<[string, Partial<Action>, Partial<Action>]>)('%s', (_label, first, second) => {
    expect(compareActions(action(first), action(second))).toBeLessThan(0);
    expect(compareActions(action(second), action(first))).toBeGreaterThan(0);
  });

  it('equal actions compare equal', () => {
    expect(compareActions(action({ dueDate: '2026-12-01' }), action({ dueDate: '2026-12-01' }))).toBe(0);
    expect(compareActions(action({}), action({}))).toBe(0);
  });

  it('the acceptance scenario: an overdue audit, then an unreviewed contract of a high-tier vendor, then a foreign vendor without a transfer basis', () => {
    const actions = actionsOf([
      vendor({ id: 'v3', name: '海外株式会社', riskTier: 'medium', flags: [flag('transfer-basis-missing', { params: { country: 'US' } })] }),
      vendor({ id: 'v1', name: '未確認株式会社', riskTier: 'high', flags: Array.from({ length: 14 }, () => flag('missing-clause', { variant: 'not-reviewed' })) }),
      vendor({ id: 'v2', name: '監査遅延株式会社', riskTier: 'low', flags: [flag('audit-overdue', { dueDate: '2026-10-18' })] }),
    ], ASOF);
    expect(actions.map((item) => [item.vendorId, item.kind, item.daysOverdue, item.flagCount])).toEqual([
      ['v2', 'conduct-audit', 43, 1],
      ['v1', 'review-contract', 0, 14],
      ['v3', 'record-transfer-basis', 0, 1],
    ]);
  });
});

describe('filters', () => {
  const base = only([flag('no-contract')], { riskTier: 'high' });
  it.each([
    ['no filter', {}, true],
    ['mine', { ownerEmail: 'owner@example.test' }, true],
    ['someone else', { ownerEmail: 'other@example.test' }, false],
    ['legal', { role: 'legal' }, true],
    ['compliance', { role: 'compliance' }, false],
    ['its kind', { kind: 'register-contract' }, true],
    ['another kind', { kind: 'conduct-audit' }, false],
    ['its tier', { riskTier: 'high' }, true],
    ['another tier', { riskTier: 'low' }, false],
    ['all match', { ownerEmail: 'owner@example.test', role: 'legal', kind: 'register-contract', riskTier: 'high' }, true],
    ['one does not', { ownerEmail: 'owner@example.test', role: 'legal', kind: 'register-contract', riskTier: 'low' }, false],
  ] as const)('%s', (_label, filter, expected) => {
    expect(matchesFilter(base, filter)).toBe(expected);
  });

  it('a vendor without an owner is nobody\'s', () => {
    expect(matchesFilter(only([flag('no-contract')], { ownerEmail: null }), { ownerEmail: 'owner@example.test' })).toBe(false);
  });
});
