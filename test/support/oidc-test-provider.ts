import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const TEST_CLIENT_ID = 'vendor-oversight-test';
export const TEST_CLIENT_SECRET = `test-client-secret-${randomBytes(8).toString('hex')}`;

export interface ProviderAccount {
  login: string;
  password: string;
  sub: string;
  claims: Record<string, unknown>;
}

/** A real OpenID Connect provider (oidc-provider) in a child node process, with its own keys and the test client. */
export interface TestProvider {
  issuer: string;
  setAccount(account: ProviderAccount): Promise<void>;
  setCodeTtl(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestProvider(options: { redirectUris: string[]; postLogoutRedirectUris?: string[] }): Promise<TestProvider> {
  const controlToken = randomBytes(16).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      OP_CLIENT_ID: TEST_CLIENT_ID,
      OP_CLIENT_SECRET: TEST_CLIENT_SECRET,
      OP_REDIRECT_URIS: options.redirectUris.join(','),
      OP_POST_LOGOUT_REDIRECT_URIS: (options.postLogoutRedirectUris ?? []).join(','),
      OP_CONTROL_TOKEN: controlToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test provider did not start: ${errors.join('')}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the test provider exited (${code}): ${errors.join('')}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
  });
  const control = async (path: string, body: unknown) => {
    const response = await fetch(`${issuer}/__control/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${controlToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 204) throw new Error(`provider control ${path}: ${response.status}`);
  };
  return {
    issuer,
    setAccount: (account) => control('account', account),
    setCodeTtl: (seconds) => control('code-ttl', { seconds }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser's visit to the provider without a browser: follows the provider's redirects with a
 * cookie jar, signs in on its page, and returns the URL it finally sends the browser back to
 * (the app's callback with `code`, `state` and `iss`), without visiting it.
 */
export async function signInAtProvider(authorizationUrl: string, login: string, password: string, options: { cancel?: boolean } = {}): Promise<URL> {
  const origin = new URL(authorizationUrl).origin;
  const cookies = new Map<string, string>();
  const visit = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  };
  let response = await visit(authorizationUrl);
  for (let hops = 0; hops < 10; hops += 1) {
    if (response.status >= 300 && response.status < 400) {
      const location = new URL(response.headers.get('location')!, origin);
      if (location.origin !== origin) return location;
      response = await visit(location.href);
      continue;
    }
    const html = await response.text();
    const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((match) => match[1]).find((path) => path.endsWith(options.cancel ? '/abort' : '/login'));
    if (!action) throw new Error(`unexpected page at the provider (${response.status}): ${html.slice(0, 300)}`);
    response = await visit(new URL(action, origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }).toString(),
    });
    if (response.status === 401) throw new Error(`the provider refused ${login}'s password`);
  }
  throw new Error('too many redirects at the provider');
}
