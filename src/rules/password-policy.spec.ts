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

  // Each row shows one way a password is judged, with the one fact about its owner that decides it.
  it.each([
    ['a step of 2 is no sequence', 'acegikmoqsuwy', {}, null],
    ['a start like a sequence that does not go on', 'abandon all hope', {}, null],
    ['common once its spaces are taken out', 'password 1234', {}, 'common'],
    ['the e-mail address alone, though the name is not in it', 'my zq9x@example.jp key', { email: 'zq9x@example.jp' }, 'personal'],
    ['the local part of the e-mail address', 'my zq9x secret phrase', { email: 'zq9x@example.jp' }, 'personal'],
    ['a local part of 3 characters counts', 'kenkenpa long secret', { email: 'ken@example.jp' }, 'personal'],
    ['a local part of 2 characters does not', 'qz quietly zipping along', { email: 'qz@example.jp' }, null],
    ['an e-mail address is compared trimmed and in NFKC lower case', 'kenkenpa long secret', { email: ' ＫＥＮ@example.jp ' }, 'personal'],
    ['a name of 3 characters counts', 'annabelle long secret', { name: 'Ann' }, 'personal'],
    ['a name of 2 Latin letters does not', 'bobobo long secret', { name: 'Bo' }, null],
    ['the name with its spaces taken out', 'liboyu forever and ever', { name: 'Li Bo Yu' }, 'personal'],
    ['the password with its spaces taken out', 'my s u z u k i pass', { name: 'Suzuki' }, 'personal'],
    ['a part of 4 Latin letters counts', 'satosan long secret', { name: 'Ken Sato' }, 'personal'],
    ['a part of 2 Latin letters does not', 'jo jo jo long secret', { name: 'Jo Smithers' }, null],
    ['a part of 2 non-Latin characters counts', '太郎の長い秘密の合言葉です', { name: '山田 太郎' }, 'personal'],
    ['a part of 1 non-Latin character does not', '王様の長い秘密の合言葉です', { name: '王 Smithers' }, null],
    ['a part mixing scripts is no name part (Latin last)', '田xの長い秘密の合言葉です', { name: '田x 一二三四五' }, null],
    ['a part mixing scripts is no name part (Latin first)', 'x田の長い秘密の合言葉です', { name: 'x田 一二三四五' }, null],
    ['a name only, no e-mail address', 'correct horse battery staple', { name: 'Tanaka' }, null],
    ['an e-mail address only, no name', 'correct horse battery staple', { email: 'tanaka@example.jp' }, null],
  ] as const)('%s: %j → %s', (_label, password, owner, problem) => {
    expect(passwordProblem(password, owner)).toBe(problem);
  });
});
