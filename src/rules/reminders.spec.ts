import { overdueWeek, reachedThreshold, ReminderFacts, selectReminders, weekStart } from './reminders';

const none: ReminderFacts = {
  vendors: [{ id: 'v', name: '委託先A', status: 'active', ownerEmail: 'Owner@Example.test' }],
  auditsDue: [], contracts: [], findings: [], certificates: [], subcontractors: [], missingClauses: [],
  compliance: ['compliance@example.test'], legal: ['legal@example.test'],
};
const keys = (facts: Partial<ReminderFacts>, asOf: string) =>
  selectReminders({ ...none, ...facts }, asOf).map((reminder) => `${reminder.rule}/${reminder.threshold}/${reminder.dueDate}→${reminder.recipient}`);

describe('thresholds and catch-up', () => {
  it.each([
    ['2026-12-28', '2026-11-27', [30, 7], null],
    ['2026-12-28', '2026-11-28', [30, 7], 30],
    ['2026-12-28', '2026-12-20', [30, 7], 30],
    ['2026-12-28', '2026-12-21', [30, 7], 7],
    ['2026-12-28', '2026-12-28', [30, 7], 7],
    ['2026-12-28', '2026-12-29', [30, 7], null],
  ])('due %s, asOf %s, thresholds %j → %s', (due, asOf, thresholds, expected) => {
    expect(reachedThreshold(due, asOf, thresholds)).toBe(expected);
  });

  it.each([
    ['2026-11-28', '2026-11-28', null],
    ['2026-11-28', '2026-11-29', 1],
    ['2026-11-28', '2026-12-05', 1],
    ['2026-11-28', '2026-12-06', 2],
  ])('due %s, asOf %s → overdue week %s', (due, asOf, expected) => {
    expect(overdueWeek(due, asOf)).toBe(expected);
  });

  it('keys the weekly digest by the Monday of the week', () => {
    expect(weekStart('2026-11-28')).toBe('2026-11-23'); // Saturday
    expect(weekStart('2026-11-23')).toBe('2026-11-23'); // Monday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday
  });
});

describe('reminder selection', () => {
  it('sends an audit due in 30 days to the owner and compliance; after missed days only the most urgent threshold', () => {
    const audits = { auditsDue: [{ vendorId: 'v', dueDate: '2026-12-28' }] };
    expect(keys(audits, '2026-11-28')).toEqual(['audit-due/30/2026-12-28→owner@example.test', 'audit-due/30/2026-12-28→compliance@example.test']);
    // The job did not run for weeks: on 12-25 only the 7-day reminder is due, but it is not lost.
    expect(keys(audits, '2026-12-25')).toEqual(['audit-due/7/2026-12-28→owner@example.test', 'audit-due/7/2026-12-28→compliance@example.test']);
  });

  it('repeats an overdue audit at most weekly', () => {
    const audits = { auditsDue: [{ vendorId: 'v', dueDate: '2026-11-01' }] };
    const week1 = keys(audits, '2026-11-02');
    expect(week1).toEqual(['audit-overdue/overdue-1/2026-11-01→owner@example.test', 'audit-overdue/overdue-1/2026-11-01→compliance@example.test']);
    expect(keys(audits, '2026-11-08')).toEqual(week1);
    expect(keys(audits, '2026-11-09')[0]).toBe('audit-overdue/overdue-2/2026-11-01→owner@example.test');
  });

  it('reminds legal and the owner of a contract end (90, 30) and of its notice deadline (30, 7)', () => {
    const contracts = { contracts: [{ id: 'c', vendorId: 'v', title: '基本契約', expiresOn: '2027-02-26', noticeDeadline: '2026-12-01' }] };
    expect(keys(contracts, '2026-11-28')).toEqual([
      'contract-expiry/90/2027-02-26→legal@example.test', 'contract-expiry/90/2027-02-26→owner@example.test',
      'notice-deadline/7/2026-12-01→legal@example.test', 'notice-deadline/7/2026-12-01→owner@example.test',
    ]);
  });

  it('reminds the finding owner and compliance 7 days before and weekly when overdue', () => {
    const findings = { findings: [{ id: 'f', vendorId: 'v', title: 'ログ', dueOn: '2026-12-05', ownerEmail: 'fixer@example.test' }] };
    expect(keys(findings, '2026-11-28')).toEqual(['finding-due/7/2026-12-05→fixer@example.test', 'finding-due/7/2026-12-05→compliance@example.test']);
    expect(keys(findings, '2026-12-06')).toEqual(['finding-overdue/overdue-1/2026-12-05→fixer@example.test', 'finding-overdue/overdue-1/2026-12-05→compliance@example.test']);
  });

  it('reminds the owner of a certificate 60 days ahead and compliance of an objection deadline 3 days ahead', () => {
    expect(keys({ certificates: [{ id: 'k', vendorId: 'v', kind: 'soc2', validUntil: '2027-01-27' }] }, '2026-11-28')).toEqual(['certificate-expiry/60/2027-01-27→owner@example.test']);
    expect(keys({ subcontractors: [{ id: 's', vendorId: 'v', name: 'S', objectionDeadline: '2026-12-01' }] }, '2026-11-28')).toEqual(['objection-deadline/3/2026-12-01→compliance@example.test']);
    expect(keys({ subcontractors: [{ id: 's', vendorId: 'v', name: 'S', objectionDeadline: '2026-12-02' }] }, '2026-11-28')).toEqual([]);
  });

  it('sends legal one missing-clause digest a week', () => {
    const digest = { missingClauses: [{ vendorId: 'v', count: 3 }] };
    expect(keys(digest, '2026-11-28')).toEqual(['missing-clause-digest/week/2026-11-23→legal@example.test']);
    expect(keys(digest, '2026-11-29')).toEqual(keys(digest, '2026-11-24'));
    expect(keys({ missingClauses: [] }, '2026-11-28')).toEqual([]);
  });

  it('keeps terminated vendors quiet', () => {
    const facts = {
      vendors: [{ id: 'v', name: 'x', status: 'terminated' as const, ownerEmail: 'o@example.test' }],
      auditsDue: [{ vendorId: 'v', dueDate: '2026-11-01' }],
      findings: [{ id: 'f', vendorId: 'v', title: 'x', dueOn: '2026-11-01', ownerEmail: null }],
      missingClauses: [{ vendorId: 'v', count: 1 }],
    };
    expect(keys(facts, '2026-11-28')).toEqual([]);
  });
});

describe('each reminder whole: its ledger key and what the e-mail says', () => {
  const select = (facts: Partial<ReminderFacts>, asOf: string) => selectReminders({ ...none, ...facts }, asOf);
  const vendors = [
    { id: 'v', name: '委託先A', status: 'active' as const, ownerEmail: 'Owner@Example.test' },
    { id: 'w', name: '委託先B', status: 'offboarding' as const, ownerEmail: null },
  ];

  it('keys an audit reminder by its vendor, so two vendors due the same day get one reminder each', () => {
    const reminders = select({ vendors, auditsDue: [{ vendorId: 'v', dueDate: '2026-12-05' }, { vendorId: 'w', dueDate: '2026-12-05' }], compliance: [] }, '2026-11-28');
    expect(reminders).toEqual([
      { rule: 'audit-due', subjectId: 'audit-due:v', vendorId: 'v', threshold: '7', dueDate: '2026-12-05', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2026-12-05', days: 7 } },
    ]);
    expect(select({ vendors, auditsDue: [{ vendorId: 'v', dueDate: '2026-11-20' }, { vendorId: 'w', dueDate: '2026-11-20' }] }, '2026-11-28')).toEqual([
      { rule: 'audit-overdue', subjectId: 'audit-due:v', vendorId: 'v', threshold: 'overdue-2', dueDate: '2026-11-20', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2026-11-20', days: 8 } },
      { rule: 'audit-overdue', subjectId: 'audit-due:v', vendorId: 'v', threshold: 'overdue-2', dueDate: '2026-11-20', recipient: 'compliance@example.test', params: { vendor: '委託先A', dueDate: '2026-11-20', days: 8 } },
      { rule: 'audit-overdue', subjectId: 'audit-due:w', vendorId: 'w', threshold: 'overdue-2', dueDate: '2026-11-20', recipient: 'compliance@example.test', params: { vendor: '委託先B', dueDate: '2026-11-20', days: 8 } },
    ]);
  });

  it('names the contract in its end and notice reminders; an automatically renewed contract has only its notice deadline', () => {
    const contracts = [
      { id: 'c1', vendorId: 'v', title: '基本契約', expiresOn: '2026-12-28', noticeDeadline: null },
      { id: 'c2', vendorId: 'v', title: '自動更新契約', expiresOn: null, noticeDeadline: '2026-12-05' },
    ];
    expect(select({ contracts, legal: [] }, '2026-11-28')).toEqual([
      { rule: 'contract-expiry', subjectId: 'c1', vendorId: 'v', threshold: '30', dueDate: '2026-12-28', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2026-12-28', contract: '基本契約', days: 30 } },
      { rule: 'notice-deadline', subjectId: 'c2', vendorId: 'v', threshold: '7', dueDate: '2026-12-05', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2026-12-05', contract: '自動更新契約', days: 7 } },
    ]);
  });

  it('sends a finding reminder to its owner, or to compliance alone when it has none', () => {
    const findings = [
      { id: 'f1', vendorId: 'v', title: 'ログ保管', dueOn: '2026-12-01', ownerEmail: 'Fixer@Example.test' },
      { id: 'f2', vendorId: 'v', title: '教育記録', dueOn: '2026-11-27', ownerEmail: null },
    ];
    expect(select({ findings }, '2026-11-28')).toEqual([
      { rule: 'finding-due', subjectId: 'f1', vendorId: 'v', threshold: '7', dueDate: '2026-12-01', recipient: 'fixer@example.test', params: { vendor: '委託先A', dueDate: '2026-12-01', finding: 'ログ保管', days: 3 } },
      { rule: 'finding-due', subjectId: 'f1', vendorId: 'v', threshold: '7', dueDate: '2026-12-01', recipient: 'compliance@example.test', params: { vendor: '委託先A', dueDate: '2026-12-01', finding: 'ログ保管', days: 3 } },
      { rule: 'finding-overdue', subjectId: 'f2', vendorId: 'v', threshold: 'overdue-1', dueDate: '2026-11-27', recipient: 'compliance@example.test', params: { vendor: '委託先A', dueDate: '2026-11-27', finding: '教育記録', days: 1 } },
    ]);
  });

  it('names the certificate kind and the subcontractor; a vendor without an owner gets no owner reminder', () => {
    expect(select({ vendors, certificates: [{ id: 'k', vendorId: 'v', kind: 'soc2', validUntil: '2027-01-01' }, { id: 'k2', vendorId: 'w', kind: 'iso27001', validUntil: '2027-01-01' }] }, '2026-11-28')).toEqual([
      { rule: 'certificate-expiry', subjectId: 'k', vendorId: 'v', threshold: '60', dueDate: '2027-01-01', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2027-01-01', kind: 'soc2', days: 34 } },
    ]);
    expect(select({ subcontractors: [{ id: 's', vendorId: 'v', name: '再委託先', objectionDeadline: '2026-11-30' }] }, '2026-11-28')).toEqual([
      { rule: 'objection-deadline', subjectId: 's', vendorId: 'v', threshold: '3', dueDate: '2026-11-30', recipient: 'compliance@example.test', params: { vendor: '委託先A', dueDate: '2026-11-30', subcontractor: '再委託先', days: 2 } },
    ]);
  });

  it('sends legal (each address once) a weekly digest counting vendors and clauses; none for zero missing clauses or only terminated vendors', () => {
    const facts = {
      vendors: [...vendors, { id: 't', name: '終了', status: 'terminated' as const, ownerEmail: null }],
      legal: ['legal@example.test', 'Legal@Example.test', 'counsel@example.test'],
    };
    expect(select({ ...facts, missingClauses: [{ vendorId: 'v', count: 3 }, { vendorId: 'w', count: 2 }, { vendorId: 't', count: 5 }, { vendorId: 'gone', count: 1 }] }, '2026-11-28')).toEqual([
      { rule: 'missing-clause-digest', subjectId: 'digest', vendorId: null, threshold: 'week', dueDate: '2026-11-23', recipient: 'legal@example.test', params: { vendors: 3, clauses: 6 } },
      { rule: 'missing-clause-digest', subjectId: 'digest', vendorId: null, threshold: 'week', dueDate: '2026-11-23', recipient: 'counsel@example.test', params: { vendors: 3, clauses: 6 } },
    ]);
    expect(select({ ...facts, missingClauses: [{ vendorId: 'v', count: 0 }] }, '2026-11-28')).toEqual([]);
    expect(select({ ...facts, missingClauses: [{ vendorId: 't', count: 4 }] }, '2026-11-28')).toEqual([]);
  });
});

describe('planned audits: the owner and the auditor are told ahead, and weekly while overdue', () => {
  const planned = (overrides: Partial<NonNullable<ReminderFacts['plannedAudits']>[number]> = {}) => ({
    plannedAudits: [{ id: 'a1', vendorId: 'v', kind: 'on-site', scheduledFor: '2026-12-28', auditorEmail: 'Auditor@Example.test', ...overrides }],
  });
  it.each([
    ['31 days ahead: nothing yet', '2026-11-27', []],
    ['30 days ahead', '2026-11-28', ['planned-audit/30/2026-12-28→owner@example.test', 'planned-audit/30/2026-12-28→auditor@example.test']],
    ['7 days ahead', '2026-12-21', ['planned-audit/7/2026-12-28→owner@example.test', 'planned-audit/7/2026-12-28→auditor@example.test']],
    ['on the day', '2026-12-28', ['planned-audit/7/2026-12-28→owner@example.test', 'planned-audit/7/2026-12-28→auditor@example.test']],
    ['the day after: overdue, week 1', '2026-12-29', ['planned-audit-overdue/overdue-1/2026-12-28→owner@example.test', 'planned-audit-overdue/overdue-1/2026-12-28→auditor@example.test']],
    ['eight days after: week 2', '2027-01-05', ['planned-audit-overdue/overdue-2/2026-12-28→owner@example.test', 'planned-audit-overdue/overdue-2/2026-12-28→auditor@example.test']],
  ])('%s', (_label, asOf, expected) => {
    expect(keys(planned(), asOf)).toEqual(expected);
  });

  it('keys the reminder by the audit and names its kind; without an auditor only the owner; the owner and auditor once when the same', () => {
    const [reminder] = selectReminders({ ...none, ...planned() }, '2026-12-21');
    expect(reminder).toEqual({ rule: 'planned-audit', subjectId: 'a1', vendorId: 'v', threshold: '7', dueDate: '2026-12-28', recipient: 'owner@example.test', params: { vendor: '委託先A', dueDate: '2026-12-28', kind: 'on-site', days: 7 } });
    expect(keys(planned({ auditorEmail: null }), '2026-12-21')).toEqual(['planned-audit/7/2026-12-28→owner@example.test']);
    expect(keys(planned({ auditorEmail: 'owner@example.test' }), '2026-12-21')).toEqual(['planned-audit/7/2026-12-28→owner@example.test']);
  });

  it('follows the configured days', () => {
    const settings = { auditDueDays: [30, 7], contractExpiryDays: [], noticeDeadlineDays: [], findingDueDays: [], certificateExpiryDays: [], objectionDeadlineDays: [], plannedAuditDays: [14] };
    expect(selectReminders({ ...none, ...planned() }, '2026-12-14', settings).map((reminder) => reminder.threshold)).toEqual(['14', '14']);
    expect(selectReminders({ ...none, ...planned() }, '2026-12-13', settings)).toEqual([]);
  });
});
