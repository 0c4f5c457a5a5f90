import { ChainLink, depthsOf, makesCycle } from './subcontractor-chain';

// a ← b ← c (c works for b, b for a, a for the vendor); d works for the vendor directly.
const chain: ChainLink[] = [
  { id: 'c', parentId: 'b' },
  { id: 'a', parentId: null },
  { id: 'b', parentId: 'a' },
  { id: 'd', parentId: null },
];

describe('subcontractor chain (再委託の連鎖)', () => {
  it('gives each subcontractor its tier, whatever the order of the rows', () => {
    expect(Object.fromEntries(depthsOf(chain))).toEqual({ a: 1, b: 2, c: 3, d: 1 });
  });

  it('counts a parent outside the rows as one more tier, and stops at a loop instead of running forever', () => {
    expect(Object.fromEntries(depthsOf([{ id: 'x', parentId: 'gone' }]))).toEqual({ x: 2 });
    expect(Object.fromEntries(depthsOf([{ id: 'p', parentId: 'q' }, { id: 'q', parentId: 'p' }]))).toEqual({ p: 2, q: 2 });
    expect(Object.fromEntries(depthsOf([{ id: 'self', parentId: 'self' }]))).toEqual({ self: 1 });
    expect(depthsOf([])).toEqual(new Map());
  });

  it.each([
    ['a under c: c works (down the chain) for a', 'a', 'c', true],
    ['a under b: b works for a', 'a', 'b', true],
    ['b under itself', 'b', 'b', true],
    ['c under a: a is above c already', 'c', 'a', false],
    ['d under c: a different branch', 'd', 'c', false],
    ['a under d', 'a', 'd', false],
    ['a under a parent that is not in the rows', 'a', 'unknown', false],
  ])('%s (%s under %s) → %s', (_label, id, parentId, expected) => {
    expect(makesCycle(chain, id, parentId)).toBe(expected);
  });

  it('ends the walk on a loop already stored', () => {
    const looped: ChainLink[] = [{ id: 'p', parentId: 'q' }, { id: 'q', parentId: 'p' }];
    expect(makesCycle(looped, 'z', 'p')).toBe(false);
    expect(makesCycle(looped, 'q', 'p')).toBe(true);
  });
});
