import { sameJson } from './stored-flags';

describe('sameJson (stored flags compared with a new evaluation)', () => {
  it.each([
    ['equal scalars', 'a', 'a', true],
    ['different scalars', 'a', 'b', false],
    ['number and its text', 1, '1', false],
    ['null and an object', null, {}, false],
    ['keys in another order', { a: 1, b: [1, { c: 'x', d: null }] }, { b: [1, { d: null, c: 'x' }], a: 1 }, true],
    ['a nested value differs', { a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'y' }] }, false],
    ['a key more', { a: 1 }, { a: 1, b: 2 }, false],
    ['a key less', { a: 1, b: 2 }, { a: 1 }, false],
    ['an undefined member is absent', { a: 1, b: undefined }, { a: 1 }, true],
    ['undefined is not null', { a: null }, { a: undefined }, false],
    ['arrays in another order', [1, 2], [2, 1], false],
    ['arrays of other lengths', [1], [1, 1], false],
    ['an array is no object', [], {}, false],
    ['an object is no array', { 0: 1 }, [1], false],
  ])('%s', (_name, a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
    expect(sameJson(b, a)).toBe(same);
  });
});
