import { ownerProblem } from './vendor-owner';

describe('ownerProblem', () => {
  const users = new Set(['sato@example.test']);
  it.each([
    [null, null, null],
    ['sato@example.test', null, null],
    ['tanaka@outside.test', null, null],
    ['tanaka@outside.test', '田中 一郎', null],
    [null, '田中 一郎', 'name-without-email'],
    ['sato@example.test', '佐藤 健一', 'name-for-user'],
  ])('owner %p named %p → %p', (ownerEmail, ownerName, expected) => {
    expect(ownerProblem({ ownerEmail, ownerName }, users)).toBe(expected);
  });
});
