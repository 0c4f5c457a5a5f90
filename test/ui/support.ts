import { Role } from '../../src/common/access-policy';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, USER_PASSWORD } from '../support/test-app';

/** A signed-in browser-less session: its cookies and the CSRF token its pages carry. */
export interface PageSession {
  cookie: string[];
  csrf: string;
  get(path: string): ReturnType<TestApp['http']['get']>;
  post(path: string, form: Record<string, string | string[]>): ReturnType<TestApp['http']['post']>;
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1];
}

function cookiesOf(setCookie: string | string[] | undefined): string[] {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map((cookie) => cookie.split(';')[0]);
}

/** Signs in through the sign-in form (CSRF token included), as a user of the role (created on first use). */
export async function signIn(t: TestApp, role: Role): Promise<PageSession> {
  await t.tokenFor(role);
  return signInAs(t, role === 'admin' ? ADMIN_EMAIL : `${role}@example.test`, role === 'admin' ? ADMIN_PASSWORD : USER_PASSWORD);
}

/** Signs in through the sign-in form (CSRF token included) as an existing user. */
export async function signInAs(t: TestApp, email: string, password: string): Promise<PageSession> {
  const page = await t.http.get('/login').expect(200);
  const pre = cookiesOf(page.headers['set-cookie']);
  const response = await t.http
    .post('/login')
    .set('Cookie', pre)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password })
    .expect(303);
  const cookie = cookiesOf(response.headers['set-cookie']).filter((value) => value.startsWith('vo_session=') || value.startsWith('vo_lang='));
  const home = await t.http.get('/account').set('Cookie', cookie).expect(200);
  const csrf = csrfOf(home.text);
  return {
    cookie,
    csrf,
    get: (path) => t.http.get(path).set('Cookie', cookie),
    post: (path, form) => t.http.post(path).set('Cookie', cookie).type('form').send({ _csrf: csrf, ...form }),
  };
}
