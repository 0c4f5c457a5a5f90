import { RuleFlag } from '../rules/flags';
import { boardCounts, BoardFacts, IncidentBoardFacts, incidentCounts, REMEDIATION_LISTED } from './board-counts';

const flag = (code: RuleFlag['code'], severity: RuleFlag['severity'] = 'critical'): RuleFlag => ({ code, severity, basis: 'statute', requirementIds: [], params: {} });
const vendor = (id: string, name: string, over: Partial<BoardFacts['vendors'][number]> = {}): BoardFacts['vendors'][number] => ({
  id, name, status: 'active', riskTier: 'medium', evaluation: { status: 'compliant', flags: [] }, ...over,
});

describe('boardCounts: the board report\'s counts of one day', () => {
  const facts: BoardFacts = {
    vendors: [
      vendor('a', 'あおば', { riskTier: 'low', evaluation: { status: 'non-compliant', flags: [flag('no-contract'), flag('audit-due-soon', 'warning')] } }),
      vendor('b', 'ひかり', { riskTier: 'high', evaluation: { status: 'non-compliant', flags: [flag('missing-clause'), flag('missing-clause'), flag('audit-overdue')] } }),
      vendor('c', 'かもめ', { status: 'candidate', evaluation: { status: 'at-risk', flags: [flag('selection-missing', 'warning')] } }),
      vendor('d', 'いるか', { status: 'terminated', riskTier: 'high', evaluation: { status: 'non-compliant', flags: [flag('deletion-certificate-missing')] } }),
    ],
    audits: [
      { status: 'completed', completedOn: '2026-03-30' },
      { status: 'completed', completedOn: '2026-03-31' },
      { status: 'completed', completedOn: '2026-04-01' },
      { status: 'planned', completedOn: null },
      { status: 'cancelled', completedOn: '2026-03-01' },
    ],
    findings: [{ closedOn: null }, { closedOn: '2026-03-31' }, { closedOn: '2026-04-01' }, { closedOn: null }, { closedOn: null }],
  };

  it('counts vendors by status, compliance, tier and flag code, with every key present', () => {
    const { counts } = boardCounts(facts, '2026-03-31');
    expect(counts.vendors).toBe(4);
    expect(counts.byStatus).toEqual({ candidate: 1, active: 2, offboarding: 0, terminated: 1 });
    expect(counts.byCompliance).toEqual({ compliant: 0, 'at-risk': 1, 'non-compliant': 3, 'not-evaluated': 0 });
    expect(counts.byTier).toEqual({ low: 1, medium: 1, high: 2 });
    expect(counts.flags).toEqual({
      'no-contract': 1, 'missing-clause': 2, 'partial-clause': 0, 'contract-expiring': 0, 'selection-missing': 1, 'audit-overdue': 1, 'audit-due-soon': 1,
      'finding-overdue': 0, 'subcontractor-unapproved': 0, 'certificate-expired': 0, 'foreign-review-overdue': 0, 'deletion-certificate-missing': 1,
      'transfer-basis-missing': 0, 'external-environment-missing': 0, 'subcontractor-objection-open': 0, 'selection-incomplete': 0, 'retention-period-missing': 0,
      'oversight-not-applicable': 0, 'questionnaire-overdue': 0, 'incident-report-due': 0, 'incident-report-overdue': 0, 'incident-audit-due': 0, 'incident-audit-overdue': 0,
    });
  });

  it.each([
    // day, completed audits, findings opened, closed, open
    ['2026-03-29', 0, 5, 0, 5],
    ['2026-03-30', 1, 5, 0, 5],
    ['2026-03-31', 2, 5, 1, 4],
    ['2026-04-01', 3, 5, 2, 3],
  ])('on %s: %i audits completed, findings %i opened, %i closed, %i open', (day, completed, opened, closed, open) => {
    const { counts } = boardCounts(facts, day);
    expect([counts.auditsCompleted, counts.findingsOpened, counts.findingsClosed, counts.findingsOpen]).toEqual([completed, opened, closed, open]);
  });

  it('counts a vendor with an overdue or soon-due audit once', () => {
    const { counts } = boardCounts({ ...facts, vendors: [...facts.vendors, vendor('e', 'えび', { evaluation: { status: 'at-risk', flags: [flag('audit-overdue'), flag('audit-due-soon', 'warning')] } })] }, '2026-03-31');
    expect(counts.auditsDue).toBe(3);
  });

  it('lists the non-compliant vendors, highest tier first then by name, with their critical flags only', () => {
    const { remediation } = boardCounts(facts, '2026-03-31');
    expect(remediation.map((item) => [item.name, item.riskTier, item.flags.map((one) => one.code)])).toEqual([
      ['いるか', 'high', ['deletion-certificate-missing']],
      ['ひかり', 'high', ['missing-clause', 'missing-clause', 'audit-overdue']],
      ['あおば', 'low', ['no-contract']],
    ]);
  });

  it('lists the first 100 of many, highest tier first, and counts them all', () => {
    const many = [
      ...Array.from({ length: 100 }, (_, index) => vendor(`low-${index}`, `低 ${String(index).padStart(3, '0')}`, { riskTier: 'low', evaluation: { status: 'non-compliant', flags: [flag('no-contract')] } })),
      ...Array.from({ length: 3 }, (_, index) => vendor(`high-${index}`, `高 ${index}`, { riskTier: 'high', evaluation: { status: 'non-compliant', flags: [flag('no-contract')] } })),
    ];
    const { counts, remediation } = boardCounts({ vendors: many, audits: [], findings: [] }, '2026-03-31');
    expect(REMEDIATION_LISTED).toBe(100);
    expect(counts.byCompliance['non-compliant']).toBe(103);
    expect(remediation).toHaveLength(100);
    expect(remediation.slice(0, 4).map((item) => item.name)).toEqual(['高 0', '高 1', '高 2', '低 000']);
    expect(remediation.at(-1)!.name).toBe('低 096');
  });

  it('counts nothing on an empty register', () => {
    const { counts, remediation } = boardCounts({ vendors: [], audits: [], findings: [] }, '2026-03-31');
    expect([counts.vendors, counts.auditsCompleted, counts.auditsDue, counts.findingsOpened, remediation.length]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('incidentCounts: incidents (漏えい等) and reports to the authority over a period', () => {
  const at = (iso: string) => new Date(iso);
  const report = (lastDueAt: string, reportedAt: string | null = null, closedAt: string | null = null) => ({
    lastDueAt: at(lastDueAt), reportedAt: reportedAt ? at(reportedAt) : null, reportedOn: reportedAt ? reportedAt.slice(0, 10) : null, closedAt: closedAt ? at(closedAt) : null,
  });
  const incidents: IncidentBoardFacts[] = [
    // Learned of before the period, still open; its 速報 was made in the period, its 確報 is overdue at the end.
    { kind: 'leak', awareOn: '2026-02-20', closedOn: null, authorityReports: [report('2026-02-25T14:59:59.999Z', '2026-03-02T01:00:00Z'), report('2026-03-21T14:59:59.999Z')] },
    // Learned of in the period, closed on its last day; its report was closed as not required.
    { kind: 'loss', awareOn: '2026-03-05', closedOn: '2026-03-31', authorityReports: [report('2026-03-10T14:59:59.999Z', null, '2026-03-06T00:00:00Z')] },
    // Learned of in the period, closed after it; its report was made late (after the deadline, before the end).
    { kind: 'leak', awareOn: '2026-03-31', closedOn: '2026-04-02', authorityReports: [report('2026-03-31T00:00:00Z', '2026-03-31T10:00:00Z')] },
    // Learned of after the period: not counted at all.
    { kind: 'unauthorised-access', awareOn: '2026-04-01', closedOn: null, authorityReports: [report('2026-03-31T00:00:00Z')] },
  ];
  const END = at('2026-03-31T14:59:59.999Z');

  it('counts the period: open at its end, learned of by kind, reports made and overdue', () => {
    expect(incidentCounts(incidents, '2026-03-01', '2026-03-31', END)).toEqual({
      open: 2, byKind: { leak: 1, loss: 1, damage: 0, 'unauthorised-access': 0 }, authorityReportsMade: 2, authorityReportsOverdue: 1,
    });
  });

  it.each<[string, string, string, Date, [number, number, number, number]]>([
    // from, day, at → open, learned of (all kinds), made, overdue
    ['one day before anything', '2026-02-19', '2026-02-19', at('2026-02-19T14:59:59.999Z'), [0, 0, 0, 0]],
    ['the day the first is learned of', '2026-02-20', '2026-02-20', at('2026-02-20T14:59:59.999Z'), [1, 1, 0, 0]],
    ['its 速報 overdue at the end of its last day + 1 ms', '2026-02-26', '2026-02-26', at('2026-02-25T15:00:00.000Z'), [1, 0, 0, 1]],
    ['at its deadline exactly: not overdue yet', '2026-02-25', '2026-02-25', at('2026-02-25T14:59:59.999Z'), [1, 0, 0, 0]],
    ['the day the 速報 is made: no longer overdue', '2026-03-02', '2026-03-02', at('2026-03-02T14:59:59.999Z'), [1, 0, 1, 0]],
    ['the 速報 made after the judging instant: still overdue', '2026-03-02', '2026-03-02', at('2026-03-02T00:59:59.999Z'), [1, 0, 1, 1]],
    ['closed as not required before its deadline: never overdue', '2026-03-11', '2026-03-11', at('2026-03-11T14:59:59.999Z'), [2, 0, 0, 0]],
    ['the day after the loss is closed, with one learned of that day', '2026-04-01', '2026-04-01', at('2026-04-01T14:59:59.999Z'), [3, 1, 0, 2]],
  ])('%s', (_name, from, day, judged, expected) => {
    const counts = incidentCounts(incidents, from, day, judged);
    expect([counts.open, Object.values(counts.byKind).reduce((sum, n) => sum + n, 0), counts.authorityReportsMade, counts.authorityReportsOverdue]).toEqual(expected);
  });

  it.each<[string, string, number]>([
    ['closed as not required after its deadline: overdue until then', '2026-03-07T23:59:59.999Z', 1],
    ['… and settled from the instant it is closed', '2026-03-08T00:00:00.000Z', 0],
  ])('%s', (_name, judged, overdue) => {
    const late: IncidentBoardFacts = { kind: 'damage', awareOn: '2026-03-01', closedOn: null, authorityReports: [report('2026-03-05T00:00:00Z', null, '2026-03-08T00:00:00Z')] };
    expect(incidentCounts([late], '2026-03-01', '2026-03-08', at(judged)).authorityReportsOverdue).toBe(overdue);
  });
});
