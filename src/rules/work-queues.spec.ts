import {
  AuditQueueFacts, awaitingReview, awaitingSelection, ContractQueueFacts, contractQueueKeys, contractReview, inContractQueue, FLAG_QUEUES, incidentOpen, needsReReview, neverReviewed, queueHorizon,
  auditQueueDue, renewalCounted, renewalCountKey, renewalDecisionDue, renewalDue, stillReviewable, unplannedAuditDue, WORK_QUEUE_DAYS, WORK_QUEUE_IDS, WORK_QUEUES,
} from './work-queues';
import { addDays } from './calendar';

const ASOF = '2026-11-30';

const contract = (overrides: Partial<ContractQueueFacts> = {}): ContractQueueFacts => ({
  id: 'c1', title: '業務委託契約書', status: 'signed', effectiveFrom: '2026-04-01', expiresOn: null, autoRenew: false, noticeDays: null,
  reviewedItems: 0, approved: false, approvalCleared: false, ...overrides,
});

describe('the queues', () => {
  it('ten queues, each with its role and what it counts', () => {
    expect(WORK_QUEUES.map((queue) => `${queue.role}:${queue.id}:${queue.unit}`)).toEqual([
      'legal:contracts-never-reviewed:items', 'legal:contracts-re-review:items', 'legal:contracts-renewal:items',
      'compliance:candidates-awaiting-selection:vendors', 'compliance:audits-due-unplanned:vendors', 'compliance:findings-overdue:items',
      'compliance:subcontractors-objection-period:items', 'compliance:incidents-open:items', 'compliance:questionnaires-awaiting-review:items',
      'owner:my-open-items:items',
    ]);
    expect(WORK_QUEUE_IDS).toEqual(WORK_QUEUES.map((queue) => queue.id));
    expect(FLAG_QUEUES).toEqual({ 'findings-overdue': 'finding-overdue', 'subcontractors-objection-period': 'subcontractor-objection-open' });
  });

  it.each([
    ['2026-11-30', '2027-02-28'],
    ['2026-12-31', '2027-03-31'],
    ['2028-01-01', '2028-03-31'],
  ])('looks %s ahead 90 days, to %s', (asOf, horizon) => {
    expect(WORK_QUEUE_DAYS).toBe(90);
    expect(queueHorizon(asOf)).toBe(horizon);
  });
});

describe('legal: contracts to review', () => {
  it.each([
    ['draft', {}, true],
    ['in review', { status: 'in-review' as const }, true],
    ['signed, in force', {}, true],
    ['signed, starting later', { effectiveFrom: '2027-01-01' }, true],
    ['signed, in force until today', { expiresOn: ASOF }, true],
    ['signed, expired yesterday', { expiresOn: '2026-11-29' }, false],
    ['signed, expired but renewing automatically', { expiresOn: '2026-11-29', autoRenew: true }, true],
    ['terminated', { status: 'terminated' as const }, false],
    ['in review, its end date already past (a draft being renegotiated)', { status: 'in-review' as const, expiresOn: '2026-11-29' }, true],
  ])('%s: still reviewable %s', (_label, overrides, expected) => {
    const facts = contract({ ...(String(_label).startsWith('draft') ? { status: 'draft' as const } : {}), ...overrides });
    expect(stillReviewable(facts, ASOF)).toBe(expected);
    expect(neverReviewed(facts, ASOF)).toBe(expected);
  });

  it.each([
    ['nothing reviewed, never signed off', {}, true, false],
    ['one clause reviewed', { reviewedItems: 1 }, false, false],
    ['signed off', { reviewedItems: 16, approved: true }, false, false],
    ['signed off, then a change cleared it', { reviewedItems: 16, approvalCleared: true }, false, true],
    ['cleared once, signed off again', { reviewedItems: 16, approvalCleared: true, approved: true }, false, false],
    ['cleared and nothing reviewed (items reset)', { approvalCleared: true }, false, true],
    ['cleared, but terminated', { reviewedItems: 16, approvalCleared: true, status: 'terminated' as const }, false, false],
  ])('%s: never reviewed %s, re-review %s', (_label, overrides, never, again) => {
    expect([neverReviewed(contract(overrides), ASOF), needsReReview(contract(overrides), ASOF)]).toEqual([never, again]);
  });
});

describe('legal: renewals and notice deadlines', () => {
  it.each([
    [{ expiresOn: '2027-12-31', noticeDays: 30 }, '2027-12-01'],
    [{ expiresOn: '2027-12-31', noticeDays: 0 }, '2027-12-31'],
    [{ expiresOn: '2027-12-31', noticeDays: null }, '2027-12-31'],
    [{ expiresOn: null, noticeDays: 30 }, null],
  ])('%j: decide by %s', (facts, due) => {
    expect(renewalDecisionDue(facts)).toBe(due);
  });

  it.each([
    ['ends on the horizon', { expiresOn: '2027-02-28' }, true],
    ['ends the day after the horizon', { expiresOn: '2027-03-01' }, false],
    ['ends today', { expiresOn: ASOF }, true],
    ['ended yesterday', { expiresOn: '2026-11-29' }, false],
    ['ended yesterday, renewing automatically', { expiresOn: '2026-11-29', autoRenew: true }, false],
    ['no end date', { expiresOn: null }, false],
    ['ends in a year, notice deadline on the horizon', { expiresOn: '2027-12-31', noticeDays: 306 }, true],
    ['ends in a year, notice deadline a day after the horizon', { expiresOn: '2027-12-31', noticeDays: 305 }, false],
    ['renews automatically, notice deadline within 90 days', { expiresOn: '2027-03-31', autoRenew: true, noticeDays: 60 }, true],
    ['renews automatically, notice deadline passed, still running', { expiresOn: '2026-12-31', autoRenew: true, noticeDays: 60 }, true],
    ['not signed yet', { expiresOn: '2027-01-31', status: 'draft' as const }, false],
    ['terminated', { expiresOn: '2027-01-31', status: 'terminated' as const }, false],
    ['starts later', { expiresOn: '2027-01-31', effectiveFrom: '2026-12-01' }, false],
  ])('%s: %s', (_label, overrides, expected) => {
    expect(renewalDue(contract(overrides), ASOF)).toBe(expected);
  });
});

describe('compliance: selection, audits, incidents, questionnaires', () => {
  it.each([
    ['candidate', 0, true],
    ['candidate', 1, false],
    ['active', 0, false],
    ['terminated', 0, false],
  ] as const)('%s with %i selections: awaiting selection %s', (status, selections, expected) => {
    expect(awaitingSelection({ status, selections })).toBe(expected);
  });

  const vendor = (overrides: Partial<AuditQueueFacts> = {}): AuditQueueFacts => ({ status: 'active', nextAuditDue: '2026-01-01', openAudit: false, ...overrides });
  it.each([
    ['overdue since 2026-01-01', {}, '2026-01-01'],
    ['due today', { nextAuditDue: '2026-11-30' }, '2026-11-30'],
    ['due 2027-03-01: after the horizon', { nextAuditDue: '2027-03-01' }, null],
    ['due on the horizon', { nextAuditDue: '2027-02-28' }, '2027-02-28'],
    ['no due date (never activated)', { nextAuditDue: null }, null],
    ['an audit already planned', { openAudit: true }, null],
    ['offboarding', { status: 'offboarding' as const }, '2026-01-01'],
    ['a candidate', { status: 'candidate' as const }, null],
    ['terminated', { status: 'terminated' as const }, null],
  ])('%s: %s', (_label, overrides, expected) => {
    expect(unplannedAuditDue(vendor(overrides), ASOF)).toBe(expected);
  });

  it.each([
    ['overdue since 2026-01-01', {}, '2026-01-01'],
    ['due after the horizon (the day does not matter)', { nextAuditDue: '2027-03-01' }, '2027-03-01'],
    ['no due date', { nextAuditDue: null }, null],
    ['an audit already planned', { openAudit: true }, null],
    ['offboarding', { status: 'offboarding' as const }, '2026-01-01'],
    ['a candidate', { status: 'candidate' as const }, null],
    ['terminated', { status: 'terminated' as const }, null],
  ])('waits in the audit queue from: %s: %s', (_label, overrides, expected) => {
    expect(auditQueueDue(vendor(overrides))).toBe(expected);
  });

  it('the vendors counted under the dates up to the horizon are the unplanned audits of every day', () => {
    const days = ['2025-12-31', '2026-01-01', '2026-10-02', '2026-10-03', '2026-11-30', '2027-02-28', '2027-03-01'];
    const vendors = (['candidate', 'active', 'offboarding', 'terminated'] as const).flatMap((status) =>
      [null, ...days].flatMap((nextAuditDue) => [false, true].map((openAudit) => vendor({ status, nextAuditDue, openAudit }))),
    );
    const disagreeing = days.flatMap((asOf) =>
      vendors.filter((facts) => {
        const due = auditQueueDue(facts);
        return (due !== null && due <= queueHorizon(asOf) ? due : null) !== unplannedAuditDue(facts, asOf);
      }),
    );
    expect(vendors.filter((facts) => unplannedAuditDue(facts, ASOF) !== null).length).toBe(12);
    expect(disagreeing).toEqual([]);
  });

  it.each([
    ['open', true],
    ['contained', true],
    ['closed', false],
  ] as const)('an incident %s is open: %s', (status, expected) => {
    expect(incidentOpen({ status })).toBe(expected);
  });

  it.each([
    ['sent', false],
    ['in-progress', false],
    ['submitted', true],
    ['clarification-requested', false],
    ['accepted', false],
    ['revoked', false],
  ] as const)('a questionnaire %s awaits review: %s', (status, expected) => {
    expect(awaitingReview({ status })).toBe(expected);
  });
});

describe('legal: what is stored of a contract for its queues', () => {
  it.each([
    ['draft, nothing reviewed', { status: 'draft' as const }, 'never-reviewed'],
    ['in review, nothing reviewed', { status: 'in-review' as const }, 'never-reviewed'],
    ['signed, nothing reviewed', {}, 'never-reviewed'],
    ['signed, expired, nothing reviewed (the day decides)', { expiresOn: '2020-01-31' }, 'never-reviewed'],
    ['one clause reviewed', { reviewedItems: 1 }, null],
    ['signed off', { reviewedItems: 16, approved: true }, null],
    ['signed off without reviewed items', { approved: true }, null],
    ['cleared', { reviewedItems: 16, approvalCleared: true }, 're-review'],
    ['cleared, nothing reviewed', { approvalCleared: true }, 're-review'],
    ['cleared, signed off again', { reviewedItems: 16, approvalCleared: true, approved: true }, null],
    ['terminated, nothing reviewed', { status: 'terminated' as const }, null],
    ['terminated after a cleared sign-off', { status: 'terminated' as const, approvalCleared: true }, null],
  ])('%s: waits for %s', (_label, overrides, review) => {
    expect(contractReview(contract(overrides))).toBe(review);
    expect(contractQueueKeys(contract(overrides)).review).toBe(review);
  });

  it.each([
    ['signed, notice period', { expiresOn: '2027-12-31', noticeDays: 30 }, '2027-12-01'],
    ['signed, no notice period', { expiresOn: '2027-12-31' }, '2027-12-31'],
    ['signed, no end date', { noticeDays: 30 }, null],
    ['signed, expired long ago', { expiresOn: '2020-01-31' }, '2020-01-31'],
    ['draft with an end date', { status: 'draft' as const, expiresOn: '2027-12-31' }, null],
    ['in review with an end date', { status: 'in-review' as const, expiresOn: '2027-12-31', noticeDays: 10 }, null],
    ['terminated with an end date', { status: 'terminated' as const, expiresOn: '2027-12-31' }, null],
  ])('%s: renewal decision stored as %s', (_label, overrides, due) => {
    expect(contractQueueKeys(contract(overrides)).renewalDecisionOn).toBe(due);
  });

  // Every contract of a small grid: the stored keys and the day decide exactly what the rules decide.
  const grid = (['draft', 'in-review', 'signed', 'terminated'] as const).flatMap((status) =>
    [null, '2026-11-29', '2026-11-30', '2027-01-31', '2027-06-30'].flatMap((expiresOn) =>
      [false, true].flatMap((autoRenew) =>
        [null, 0, 150].flatMap((noticeDays) =>
          [0, 3].flatMap((reviewedItems) =>
            [false, true].flatMap((approved) =>
              [false, true].flatMap((approvalCleared) =>
                ['2026-04-01', '2026-12-15'].map((effectiveFrom) => contract({ status, expiresOn, autoRenew, noticeDays, reviewedItems, approved, approvalCleared, effectiveFrom })),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  it('the keys with the day answer every queue as its rule does', () => {
    const disagreeing = grid.filter((facts) => {
      const entry = { ...facts, ...contractQueueKeys(facts) };
      return (
        inContractQueue('contracts-never-reviewed', entry, ASOF) !== neverReviewed(facts, ASOF) ||
        inContractQueue('contracts-re-review', entry, ASOF) !== needsReReview(facts, ASOF) ||
        inContractQueue('contracts-renewal', entry, ASOF) !== renewalDue(facts, ASOF)
      );
    });
    expect(grid.length).toBe(1_920);
    expect(grid.filter((facts) => neverReviewed(facts, ASOF)).length).toBeGreaterThan(100);
    expect(grid.filter((facts) => needsReReview(facts, ASOF)).length).toBeGreaterThan(100);
    expect(grid.filter((facts) => renewalDue(facts, ASOF)).length).toBeGreaterThan(100);
    expect(disagreeing).toEqual([]);
  });

  it.each([
    ['started long before its decision', { effectiveFrom: '2020-04-01', expiresOn: '2027-01-31' }, { renewalDecisionOn: '2027-01-31', expiresOn: '2027-01-31', countedFrom: '2026-11-02' }],
    ['started 90 days before its decision', { effectiveFrom: '2026-11-02', expiresOn: '2027-01-31' }, { renewalDecisionOn: '2027-01-31', expiresOn: '2027-01-31', countedFrom: '2026-11-02' }],
    ['started 89 days before its decision', { effectiveFrom: '2026-11-03', expiresOn: '2027-01-31' }, { renewalDecisionOn: '2027-01-31', expiresOn: '2027-01-31', countedFrom: '2026-11-03' }],
    ['starting after its decision', { effectiveFrom: '2027-01-15', expiresOn: '2027-01-31', noticeDays: 30 }, { renewalDecisionOn: '2027-01-01', expiresOn: '2027-01-31', countedFrom: '2027-01-15' }],
    ['with a notice period', { effectiveFrom: '2020-04-01', expiresOn: '2027-12-31', noticeDays: 30 }, { renewalDecisionOn: '2027-12-01', expiresOn: '2027-12-31', countedFrom: '2027-09-02' }],
    ['no end date', { noticeDays: 30 }, null],
    ['a draft', { status: 'draft' as const, expiresOn: '2027-01-31' }, null],
  ])('a renewal counted under its key: %s', (_label, overrides, expected) => {
    const facts = contract(overrides);
    expect(renewalCountKey({ ...facts, ...contractQueueKeys(facts) })).toEqual(expected);
  });

  it('a stored end date without a decision date is not counted', () => {
    expect(renewalCountKey({ effectiveFrom: '2026-04-01', expiresOn: '2027-01-31', renewalDecisionOn: null })).toBeNull();
    expect(renewalCountKey({ effectiveFrom: '2026-04-01', expiresOn: null, renewalDecisionOn: '2027-01-31' })).toBeNull();
  });

  it('the contracts counted under their keys are the renewal queue of every day', () => {
    const days = ['2026-06-01', '2026-10-02', '2026-10-03', '2026-11-29', ASOF, '2026-12-01', '2027-01-01', '2027-01-31', '2027-02-01', '2027-06-30', '2027-07-01'];
    const disagreeing = days.flatMap((asOf) =>
      grid.filter((facts) => {
        const entry = { ...facts, ...contractQueueKeys(facts) };
        const key = renewalCountKey(entry);
        return (key !== null && renewalCounted(key, asOf)) !== inContractQueue('contracts-renewal', entry, asOf);
      }),
    );
    const starts = ['2020-04-01', '2026-09-01', '2026-10-02', '2026-10-03', '2026-12-15', '2027-01-31', '2027-02-01'];
    const shifted = days.flatMap((asOf) =>
      starts.flatMap((effectiveFrom) =>
        [0, 1, 30, 89, 90, 91].filter((noticeDays) => {
          const facts = contract({ effectiveFrom, expiresOn: '2027-01-31', noticeDays });
          const entry = { ...facts, ...contractQueueKeys(facts) };
          const key = renewalCountKey(entry);
          return (key !== null && renewalCounted(key, asOf)) !== inContractQueue('contracts-renewal', entry, asOf);
        }).map((noticeDays) => `${asOf} ${effectiveFrom} ${noticeDays}`),
      ),
    );
    expect(days.reduce((sum, asOf) => sum + grid.filter((facts) => renewalDue(facts, asOf)).length, 0)).toBeGreaterThan(500);
    expect(disagreeing).toEqual([]);
    expect(shifted).toEqual([]);
  });

  it.each([
    ['the decision on the horizon', { renewalDecisionOn: '2027-02-28', expiresOn: '2027-03-30', countedFrom: '2026-11-30' }, true],
    ['the decision the day after', { renewalDecisionOn: '2027-03-01', expiresOn: '2027-03-30', countedFrom: '2026-11-30' }, false],
    ['ends today', { renewalDecisionOn: ASOF, expiresOn: ASOF, countedFrom: '2026-09-01' }, true],
    ['ended yesterday', { renewalDecisionOn: '2026-11-29', expiresOn: '2026-11-29', countedFrom: '2026-08-31' }, false],
    ['counted from today', { renewalDecisionOn: '2027-01-31', expiresOn: '2027-01-31', countedFrom: ASOF }, true],
    ['counted from tomorrow', { renewalDecisionOn: '2027-01-31', expiresOn: '2027-01-31', countedFrom: addDays(ASOF, 1) }, false],
  ])('a key in the renewal queue on %s: %s', (_label, key, expected) => {
    expect(renewalCounted(key, ASOF)).toBe(expected);
  });

  it.each([
    ['the decision due on the horizon', { expiresOn: '2027-03-30', noticeDays: 30 }, true],
    ['the decision due the day after', { expiresOn: '2027-03-31', noticeDays: 30 }, false],
    ['starts today', { effectiveFrom: ASOF, expiresOn: '2027-01-31' }, true],
    ['starts tomorrow', { effectiveFrom: '2026-12-01', expiresOn: '2027-01-31' }, false],
    ['ends today', { expiresOn: ASOF }, true],
    ['ended yesterday', { expiresOn: '2026-11-29' }, false],
  ])('a renewal from the stored date: %s, %s', (_label, overrides, expected) => {
    const facts = contract(overrides);
    expect(inContractQueue('contracts-renewal', { ...facts, ...contractQueueKeys(facts) }, ASOF)).toBe(expected);
    expect(renewalDue(facts, ASOF)).toBe(expected);
  });
});
