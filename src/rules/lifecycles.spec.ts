import { allowedMoves, canMove, LIFECYCLES, LifecycleKind, statusChoices, statusesWhere } from './lifecycles';

/** The legal moves, written out independently of the table: every other pair of distinct statuses is illegal. */
const LEGAL: Record<LifecycleKind, { statuses: string[]; moves: string[] }> = {
  vendor: {
    statuses: ['candidate', 'active', 'offboarding', 'terminated'],
    moves: ['candidate→active', 'candidate→terminated', 'active→offboarding', 'offboarding→terminated', 'offboarding→active'],
  },
  contract: {
    statuses: ['draft', 'in-review', 'signed', 'terminated'],
    moves: ['draft→in-review', 'draft→signed', 'draft→terminated', 'in-review→draft', 'in-review→signed', 'in-review→terminated', 'signed→terminated'],
  },
  audit: {
    statuses: ['planned', 'in-progress', 'completed', 'cancelled'],
    moves: ['planned→in-progress', 'planned→completed', 'planned→cancelled', 'in-progress→completed', 'in-progress→cancelled'],
  },
  finding: {
    statuses: ['open', 'resolved', 'risk-accepted'],
    moves: ['open→resolved', 'open→risk-accepted', 'resolved→open', 'risk-accepted→open'],
  },
  subcontractor: {
    statuses: ['pending', 'approved', 'objected', 'withdrawn'],
    moves: ['pending→approved', 'pending→objected', 'approved→withdrawn', 'objected→withdrawn'],
  },
  questionnaire: {
    statuses: ['sent', 'in-progress', 'submitted', 'clarification-requested', 'accepted', 'revoked'],
    moves: [
      'sent→in-progress', 'sent→submitted', 'sent→revoked', 'in-progress→submitted', 'in-progress→revoked', 'submitted→clarification-requested',
      'submitted→accepted', 'submitted→revoked', 'clarification-requested→submitted', 'clarification-requested→revoked',
    ],
  },
  incident: {
    statuses: ['open', 'contained', 'closed'],
    moves: ['open→contained', 'open→closed', 'contained→open', 'contained→closed', 'closed→open'],
  },
  'incident-obligation': {
    statuses: ['open', 'reported', 'not-required'],
    moves: ['open→reported', 'open→not-required', 'not-required→open', 'not-required→reported'],
  },
};

const pairs = (kind: LifecycleKind) => LEGAL[kind].statuses.flatMap((from) => LEGAL[kind].statuses.filter((to) => to !== from).map((to) => [from, to] as const));
const illegal = (Object.keys(LEGAL) as LifecycleKind[]).flatMap((kind) =>
  pairs(kind).filter(([from, to]) => !LEGAL[kind].moves.includes(`${from}→${to}`)).map(([from, to]) => [kind, from, to] as const),
);
const legal = (Object.keys(LEGAL) as LifecycleKind[]).flatMap((kind) => LEGAL[kind].moves.map((move) => { const [from, to] = move.split('→'); return [kind, from, to] as const; }));

describe('lifecycles: one table for vendor, contract, audit, finding, subcontractor and questionnaire', () => {
  it('knows exactly these kinds and statuses', () => {
    expect(Object.keys(LIFECYCLES)).toEqual(Object.keys(LEGAL));
    for (const kind of Object.keys(LEGAL) as LifecycleKind[]) expect(Object.keys(LIFECYCLES[kind])).toEqual(LEGAL[kind].statuses);
  });

  it.each(legal)('%s: %s → %s is allowed', (kind, from, to) => {
    expect(canMove(kind, from as never, to as never)).toBe(true);
    expect(allowedMoves(kind, from as never)).toContain(to);
  });

  it.each(illegal)('%s: %s → %s is refused', (kind, from, to) => {
    expect(canMove(kind, from as never, to as never)).toBe(false);
    expect(allowedMoves(kind, from as never)).not.toContain(to);
  });

  it('lists the allowed moves in the table order, and none from a final status', () => {
    expect(allowedMoves('vendor', 'offboarding')).toEqual(['terminated', 'active']);
    expect(allowedMoves('audit', 'planned')).toEqual(['in-progress', 'completed', 'cancelled']);
    expect(allowedMoves('subcontractor', 'pending')).toEqual(['approved', 'objected']);
    for (const [kind, final] of [['vendor', 'terminated'], ['contract', 'terminated'], ['audit', 'completed'], ['audit', 'cancelled'], ['subcontractor', 'withdrawn'], ['questionnaire', 'accepted'], ['questionnaire', 'revoked'], ['incident-obligation', 'reported']] as const) {
      expect(allowedMoves(kind, final as never)).toEqual([]);
    }
  });

  it.each(Object.entries(LEGAL).flatMap(([kind, { statuses }]) => statuses.map((status) => [kind as LifecycleKind, status] as const)))(
    '%s: staying %s is not a move, so it is allowed',
    (kind, status) => {
      expect(canMove(kind, status as never, status as never)).toBe(true);
    },
  );

  it('refuses a withdrawn subcontractor approved again (再委託終了 is final)', () => {
    expect(canMove('subcontractor', 'withdrawn', 'approved')).toBe(false);
    expect(canMove('subcontractor', 'approved', 'objected')).toBe(false);
    expect(canMove('subcontractor', 'pending', 'withdrawn')).toBe(false);
  });

  it.each([
    ['contract', 'signed', ['signed', 'terminated']],
    ['contract', 'terminated', ['terminated']],
    ['finding', 'resolved', ['resolved', 'open']],
    ['vendor', 'candidate', ['candidate', 'active', 'terminated']],
  ] as const)('a %s form in status %s offers %j', (kind, current, expected) => {
    expect(statusChoices(kind, current as never)).toEqual(expected);
  });

  it.each([
    ['incident', (status: string) => status !== 'closed', ['open', 'contained']],
    ['vendor', (status: string) => status === 'candidate', ['candidate']],
    ['audit', () => false, []],
    ['finding', () => true, ['open', 'resolved', 'risk-accepted']],
  ] as const)('the %s statuses a rule holds for, in the lifecycle\'s order', (kind, holds, expected) => {
    expect(statusesWhere(kind, holds as never)).toEqual(expected);
  });
});
