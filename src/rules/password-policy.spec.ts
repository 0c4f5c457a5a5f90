import { passwordProblem } from './password-policy';

describe('password policy (NIST SP 800-63B)', () => {
  const owner = { email: 'tanaka.ichiro@example.co.jp', name: '田中 一郎 Tanaka' };
  it.each([
    [' '.repeat(12), 'repeated'],
    ['aaaaaaaaaaaa', 'repeated'],
    ['111111111111', 'repeated'],
    ['abcdefghijklm', 'sequence'],
    ['zyxwvutsrqpon', 'sequence'],
    ['123456789012', 'common'],
    ['password1234', 'common'],
    ['Password1234', 'common'],
    ['1q2w3e4r5t6y', 'common'],
    ['tanaka.ichiro@example.co.jp', 'personal'],
    ['my tanaka.ichiro secret', 'personal'],
    ['I am Tanaka, hello', 'personal'],
    ['田中一郎のパスワードです', 'personal'],
    ['vendor oversight 2026', 'personal'],
    ['correct horse battery staple', null],
    ['いつもの喫茶店で 珈琲を二杯', null],
    ['a long enough password 1', null],
    ['short', null], // length is MinLength's to say
  ])('%j → %s', (password, problem) => {
    expect(passwordProblem(password, owner)).toBe(problem);
  });
});
