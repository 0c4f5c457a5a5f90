import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium, SCREENSHOTS } from './support/chromium';
import { createTestApp, TestApp } from './support/test-app';
import { startTestProvider, TestProvider } from './support/oidc-test-provider';
import { addAccount, ssoEnv } from './support/sso-flow';

/**
 * Single sign-on in a real browser (Debian's chromium through playwright-core): the provider's own
 * sign-in page, back to the Japanese dashboard, and sign-out at both ends. Screenshots go to
 * test-artifacts/screenshots/<database kind>/ beside the admin UI's.
 */
/** A free port on this machine: the provider must know the app's redirect URI before the app starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describeBrowser('single sign-on in a real browser (chromium)', () => {
  let provider: TestProvider;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let shot = 0;
  const consoleErrors: string[] = [];
  const screenshot = async (name: string) => {
    shot += 1;
    await page.screenshot({ path: join(SCREENSHOTS, t.config.database.kind, `sso-${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({ redirectUris: [`${base}/auth/oidc/callback`], postLogoutRedirectUris: [`${base}/auth/oidc/signed-out`] });
    t = await createTestApp({ env: { ...ssoEnv(provider.issuer), APP_URL: base } });
    mkdirSync(join(SCREENSHOTS, t.config.database.kind), { recursive: true });
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.location().url}: ${message.text()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.stop();
  });

  it('signs in through the provider\'s page and lands on the Japanese dashboard; signs out of both', async () => {
    await addAccount(provider, 'hanako', { email: 'hanako@corp.example', email_verified: true, name: '山田 花子', locale: 'ja-JP', groups: ['grp-compliance'] });

    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/login`);
    await screenshot('sign-in-page');
    await Promise.all([page.waitForURL(`${provider.issuer}/interaction/**`), page.click('[data-testid=sso-sign-in]')]);
    expect(await page.textContent('h1')).toBe('Test identity provider');
    await page.fill('#op-login', 'hanako');
    await page.fill('#op-password', 'hanako-password');
    await screenshot('provider-sign-in');
    await Promise.all([page.waitForURL(`${base}/`), page.click('#op-submit')]);

    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    expect(await page.textContent('h1')).toBe('ダッシュボード');
    expect(await page.textContent('header .who a')).toBe('山田 花子(コンプライアンス)としてログイン中');
    await screenshot('dashboard-ja');

    // Sign-out: the app's session ends, then the provider's (its end_session_endpoint), back to the sign-in page.
    await Promise.all([page.waitForURL(`${provider.issuer}/session/end**`), page.click('[data-testid=sign-out]')]);
    await screenshot('provider-sign-out');
    await Promise.all([page.waitForURL(`${base}/login?notice=signedOut`), page.click('[data-testid=op-logout]')]);
    expect(await page.textContent('[role=status]')).toBe('ログアウトしました。');
    await screenshot('signed-out');
    await page.goto(`${base}/vendors`);
    expect(page.url()).toBe(`${base}/login?next=%2Fvendors`);

    // Signing in again goes through the provider's page again (its session ended too).
    await Promise.all([page.waitForURL(`${provider.issuer}/interaction/**`), page.click('[data-testid=sso-sign-in]')]);
    await Promise.all([page.waitForURL(/\/auth\/oidc\/callback/), page.click('#op-cancel')]);
    expect(await page.textContent('h1')).toBe('シングルサインオンでログインできませんでした');
    expect(await page.textContent('[data-testid=sso-error]')).toBe('認証サービス(IdP)がこのログインを許可しませんでした。');
    await screenshot('cancelled');

    // Nothing went wrong on the app's pages (no CSP refusal, no failed resource) but the refusal page's own 403.
    expect(consoleErrors.filter((line) => line.startsWith(base) && !line.startsWith(`${base}/auth/oidc/callback?error=access_denied`))).toEqual([]);
  }, 120_000);
});
