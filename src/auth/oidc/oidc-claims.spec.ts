import { RoleMapping } from '../../config/oidc-config';
import { claimValues, profileFromClaims, roleFromClaims } from './oidc-claims';

const MAP: RoleMapping[] = [
  { value: 'grp-admins', role: 'admin' },
  { value: 'grp-compliance', role: 'compliance' },
  { value: 'grp-legal', role: 'legal' },
];

describe('claimValues', () => {
  it.each([
    [{ groups: ['a', 'b'] }, 'groups', ['a', 'b']],
    [{ groups: 'a' }, 'groups', ['a']],
    [{ groups: ['a', 7, null, 'b'] }, 'groups', ['a', 'b']],
    [{ groups: 42 }, 'groups', []],
    [{}, 'groups', []],
    [{ realm_access: { roles: ['legal-team'] } }, 'realm_access.roles', ['legal-team']],
    [{ realm_access: null }, 'realm_access.roles', []],
    [{ 'https://corp.example/groups': ['x'] }, 'https://corp.example/groups', ['x']],
  ])('%j at %s → %j', (claims, path, expected) => {
    expect(claimValues(claims, path)).toEqual(expected);
  });
});

describe('roleFromClaims', () => {
  it.each([
    ['the mapped group', { groups: ['grp-legal'] }, null, { kind: 'role', role: 'legal' }],
    ['the first map entry the person has, whatever the claim order', { groups: ['grp-legal', 'grp-admins'] }, null, { kind: 'role', role: 'admin' }],
    ['unmapped groups with a default', { groups: ['grp-sales'] }, 'viewer', { kind: 'role', role: 'viewer' }],
    ['unmapped groups without a default: refused', { groups: ['grp-sales'] }, null, { kind: 'none' }],
    ['no claim at all without a default: refused', {}, null, { kind: 'none' }],
    ['case matters (group ids are exact)', { groups: ['GRP-ADMINS'] }, null, { kind: 'none' }],
  ] as const)('%s', (_case, claims, defaultRole, expected) => {
    expect(roleFromClaims(claims, { roleClaim: 'groups', roleMap: MAP, defaultRole })).toEqual(expected);
  });

  it('leaves roles to the app without a role claim', () => {
    expect(roleFromClaims({ groups: ['grp-admins'] }, { roleClaim: null, roleMap: [], defaultRole: 'viewer' })).toEqual({ kind: 'app-managed' });
  });
});

describe('profileFromClaims', () => {
  it.each([
    ['standard claims', { sub: 's', email: 'Hanako@Example.CO.JP', email_verified: true, name: '山田 花子', locale: 'ja-JP' },
      { email: 'hanako@example.co.jp', emailVerified: true, name: '山田 花子', locale: 'ja' }],
    ['English locale', { sub: 's', email: 'a@example.com', name: 'Alice', locale: 'en-US' }, { email: 'a@example.com', emailVerified: false, name: 'Alice', locale: 'en' }],
    ['Entra ID without email: preferred_username', { sub: 's', preferred_username: 'taro@corp.onmicrosoft.com', name: 'Taro' },
      { email: 'taro@corp.onmicrosoft.com', emailVerified: false, name: 'Taro', locale: 'ja' }],
    ['an address longer than users.email holds is none', { sub: 's', email: `${'a'.repeat(250)}@x.jp` }, { email: null, emailVerified: false, name: 's', locale: 'ja' }],
    ['a user name that is not an address is no e-mail', { sub: 's', preferred_username: 'taro' }, { email: null, emailVerified: false, name: 's', locale: 'ja' }],
    ['family name first in Japanese', { sub: 's', email: 'x@example.jp', family_name: '佐藤', given_name: '一郎' }, { email: 'x@example.jp', emailVerified: false, name: '佐藤 一郎', locale: 'ja' }],
    ['given name first in English', { sub: 's', email: 'x@example.com', family_name: 'Smith', given_name: 'Ann', locale: 'en' }, { email: 'x@example.com', emailVerified: false, name: 'Ann Smith', locale: 'en' }],
    ['the address as the name when nothing else', { sub: 's', email: 'x@example.com', email_verified: 'true' }, { email: 'x@example.com', emailVerified: true, name: 'x@example.com', locale: 'ja' }],
  ])('%s', (_case, claims, expected) => {
    expect(profileFromClaims(claims)).toEqual(expected);
  });
});
