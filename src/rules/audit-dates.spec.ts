import { auditDates, DEFAULT_SUPERVISION_SETTINGS } from './supervision';
import { VendorStatus } from './vendor-facts';

/** What the vendor's record stores for the list: the last completed audit, and the next one due while the vendor holds our data. */
describe('audit dates stored on the vendor', () => {
  const settings = { ...DEFAULT_SUPERVISION_SETTINGS, auditIntervalMonths: { high: 12, medium: 24, low: 36 }, incidentAuditDays: 30 };

  it.each<[string, VendorStatus, 'high' | 'medium' | 'low', string | null, string[], string[], string | null, string | null]>([
    // case, status, tier, activeSince, completed audits, incidents, lastAuditOn, nextAuditDue
    ['active, never audited: interval from activation', 'active', 'high', '2025-04-01', [], [], null, '2026-04-01'],
    ['active: the latest audit counts, whatever the order', 'active', 'medium', '2020-04-01', ['2025-10-01', '2026-02-01', '2024-01-01'], [], '2026-02-01', '2028-02-01'],
    ['offboarding still holds the data', 'offboarding', 'low', '2020-04-01', ['2024-06-30'], [], '2024-06-30', '2027-06-30'],
    ['an incident after the last audit brings it forward', 'active', 'low', '2020-04-01', ['2025-01-10'], ['2026-03-01'], '2025-01-10', '2026-03-31'],
    ['active without activation day or audit: nothing to count from', 'active', 'high', null, [], [], null, null],
    ['a candidate is not audited yet: no due date, its audits still shown', 'candidate', 'high', null, ['2025-05-01'], [], '2025-05-01', null],
    ['a terminated vendor: last audit kept, nothing due', 'terminated', 'high', '2020-04-01', ['2023-05-01'], [], '2023-05-01', null],
  ])('%s', (_case, status, riskTier, activeSince, completedAudits, incidents, lastAuditOn, nextAuditDue) => {
    expect(auditDates({ status, riskTier, activeSince }, { completedAudits, incidents }, settings)).toEqual({ lastAuditOn, nextAuditDue });
  });
});
