import { RuleFlag } from '../rules/flags';
import { boardCounts, BoardFacts } from './board-counts';

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

  it('counts nothing on an empty register', () => {
    const { counts, remediation } = boardCounts({ vendors: [], audits: [], findings: [] }, '2026-03-31');
    expect([counts.vendors, counts.auditsCompleted, counts.auditsDue, counts.findingsOpened, remediation.length]).toEqual([0, 0, 0, 0, 0]);
  });
});
