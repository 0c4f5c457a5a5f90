import { atMost, BASES, Binding, effectiveBinding, SEVERITIES, strongest } from './basis';

describe('how binding a requirement is for an organisation (legal-model.md §2)', () => {
  it('orders the bases strongest first, and the severities most serious first', () => {
    expect(BASES).toEqual(['statute', 'guideline', 'policy', 'certification', 'recommended']);
    expect(SEVERITIES).toEqual(['critical', 'warning', 'info']);
  });

  it.each([
    ['a policy row, with the privacy policy promises', { basis: 'policy', severity: 'critical' }, true, { basis: 'policy', severity: 'critical' }],
    ['a policy warning, with the promises', { basis: 'policy', severity: 'warning' }, true, { basis: 'policy', severity: 'warning' }],
    ['a policy row, without them: only recommended', { basis: 'policy', severity: 'critical' }, false, { basis: 'recommended', severity: 'info' }],
    ['a statute, without them: still a statute', { basis: 'statute', severity: 'critical' }, false, { basis: 'statute', severity: 'critical' }],
    ['a guideline duty, without them', { basis: 'guideline', severity: 'critical' }, false, { basis: 'guideline', severity: 'critical' }],
    ['a certification criterion', { basis: 'certification', severity: 'warning' }, false, { basis: 'certification', severity: 'warning' }],
    ['a recommendation, with the promises: still a recommendation', { basis: 'recommended', severity: 'info' }, true, { basis: 'recommended', severity: 'info' }],
  ] as Array<[string, Binding, boolean, Binding]>)('%s', (_label, row, policyPromises, expected) => {
    expect(effectiveBinding(row, { policyPromises })).toEqual(expected);
  });

  it.each([
    ['none', [], null],
    ['one', [{ basis: 'policy', severity: 'warning' }], { basis: 'policy', severity: 'warning' }],
    ['the strongest basis and the most serious severity, wherever they are', [
      { basis: 'recommended', severity: 'info' }, { basis: 'certification', severity: 'warning' }, { basis: 'statute', severity: 'critical' }, { basis: 'policy', severity: 'warning' },
    ], { basis: 'statute', severity: 'critical' }],
    ['a guideline after a policy', [{ basis: 'policy', severity: 'critical' }, { basis: 'guideline', severity: 'warning' }], { basis: 'guideline', severity: 'critical' }],
    ['info never outweighs a warning', [{ basis: 'certification', severity: 'warning' }, { basis: 'recommended', severity: 'info' }], { basis: 'certification', severity: 'warning' }],
  ] as Array<[string, Binding[], Binding | null]>)('strongest of %s', (_label, bindings, expected) => {
    expect(strongest(bindings)).toEqual(expected);
  });

  it.each([
    ['critical', 'warning', 'warning'],
    ['warning', 'warning', 'warning'],
    ['info', 'warning', 'info'],
    ['critical', 'critical', 'critical'],
    ['warning', 'critical', 'warning'],
    ['critical', 'info', 'info'],
  ] as const)('%s at most %s → %s', (severity, cap, expected) => {
    expect(atMost(severity, cap)).toBe(expected);
  });
});
