// A real OpenID Connect provider for the tests: `oidc-provider` (the certified Node.js OP) in its own
// node process (the package is ESM-only; plain node loads it, Jest's CommonJS runtime does not).
// Own RSA signing key, one confidential test client, PKCE required, RFC 9207 `iss` in responses,
// RP-initiated logout, and a small sign-in page that checks the passwords the test sets.
//
// Environment: OP_CLIENT_ID, OP_CLIENT_SECRET, OP_REDIRECT_URIS (comma-separated),
// OP_POST_LOGOUT_REDIRECT_URIS, OP_CONTROL_TOKEN (guards /__control/*). Prints one JSON line
// {"issuer": "http://127.0.0.1:<port>"} on stdout when it listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const env = process.env;
const accounts = new Map(); // login → { sub, password, claims }
let codeTtlSeconds = 60;

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
const provider = new Provider(issuer, {
  clients: [{
    client_id: env.OP_CLIENT_ID,
    client_secret: env.OP_CLIENT_SECRET,
    redirect_uris: env.OP_REDIRECT_URIS.split(','),
    post_logout_redirect_uris: (env.OP_POST_LOGOUT_REDIRECT_URIS ?? '').split(',').filter(Boolean),
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [{ ...signingKey, use: 'sig', kid: randomBytes(8).toString('hex') }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { methods: ['S256'], required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'family_name', 'given_name', 'locale'],
    groups: ['groups'],
  },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource(ctx, form) {
        ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body>
          <h1>Sign out of the test identity provider?</h1>${form}
          <button type="submit" form="op.logoutForm" name="logout" value="yes" data-testid="op-logout">Yes, sign me out</button></body></html>`;
      },
    },
  },
  ttl: {
    AuthorizationCode: () => codeTtlSeconds,
    AccessToken: 600,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // A first-party client: the grant is given without a consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope(ctx.oidc.params.scope ?? 'openid');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, sub) {
    const account = [...accounts.values()].find((candidate) => candidate.sub === sub);
    if (!account) return undefined;
    // Claims are read at each token and UserInfo request: a group changed by the test shows at the next sign-in.
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>${escape(out.error)}</h1><p>${escape(out.error_description ?? '')}</p></body></html>`;
  },
});

const handleProtocol = provider.callback();

server.on('request', async (request, response) => {
  try {
    const url = new URL(request.url, issuer);
    if (url.pathname.startsWith('/__control/')) return await control(request, response, url.pathname);
    const interaction = /^\/interaction\/([\w-]+)(\/login|\/abort)?$/.exec(url.pathname);
    if (interaction?.[2] === '/abort') {
      // The person cancels at the provider: RFC 6749 §4.1.2.1 access_denied back to the client.
      return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'the person cancelled' }, { mergeWithLastSubmission: false });
    }
    if (interaction) return await signInPage(request, response, Boolean(interaction[2]));
    return handleProtocol(request, response);
  } catch (error) {
    response.statusCode = 500;
    response.end(String(error?.message ?? error));
  }
});

/** The provider's sign-in page: a login name and password, checked against the accounts the test set. */
async function signInPage(request, response, submitted) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== 'login') {
    return provider.interactionFinished(request, response, { consent: {} }, { mergeWithLastSubmission: true });
  }
  let failed = false;
  if (submitted && request.method === 'POST') {
    const form = new URLSearchParams(await body(request));
    const account = accounts.get(form.get('login') ?? '');
    if (account && account.password === form.get('password')) {
      return provider.interactionFinished(request, response, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
    }
    failed = true;
  }
  response.statusCode = failed ? 401 : 200;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head><body>
    <h1>Test identity provider</h1>${failed ? '<p role="alert">Wrong login or password</p>' : ''}
    <form method="post" action="/interaction/${details.uid}/login">
      <label>Login <input name="login" id="op-login" autocomplete="username"></label>
      <label>Password <input name="password" id="op-password" type="password" autocomplete="current-password"></label>
      <button type="submit" id="op-submit">Sign in</button>
    </form>
    <form method="post" action="/interaction/${details.uid}/abort"><button type="submit" id="op-cancel">Cancel</button></form></body></html>`);
}

/** The test's levers: accounts (login, password, sub, claims) and the authorization code lifetime. */
async function control(request, response, path) {
  if (request.headers.authorization !== `Bearer ${env.OP_CONTROL_TOKEN}`) {
    response.statusCode = 403;
    return response.end();
  }
  const input = JSON.parse((await body(request)) || '{}');
  if (path === '/__control/account') accounts.set(input.login, { sub: input.sub, password: input.password, claims: input.claims ?? {} });
  else if (path === '/__control/code-ttl') codeTtlSeconds = input.seconds;
  else {
    response.statusCode = 404;
    return response.end();
  }
  response.statusCode = 204;
  response.end();
}

function body(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

process.on('SIGTERM', () => server.close(() => process.exit(0)));
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
