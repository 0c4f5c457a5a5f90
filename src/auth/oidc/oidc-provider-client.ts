import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig } from '../../config/app-config';
import { OidcSettings } from '../../config/oidc-config';
import { Claims } from './oidc-claims';
import { SsoError, SsoFailure } from './sso-errors';

/** The provider's metadata and keys are fetched again after this long (key rotation, changed endpoints). */
const DISCOVERY_TTL_MS = 15 * 60_000;
/** Seconds a request to the provider may take before the sign-in is refused as "provider unavailable". */
const REQUEST_TIMEOUT_SECONDS = 10;

export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * The one seam around `openid-client` (the certified relying-party library): discovery, the
 * authorization URL, the code exchange with its checks (state, PKCE, ID token signature, issuer,
 * audience, nonce, expiry), UserInfo and RP-initiated logout. Nothing here checks a JWT by hand.
 * Every failure leaves as an SsoError with the reason a person can be told; no secret, code or
 * token is ever logged.
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger('SingleSignOn');
  private discovered: { at: number; configuration: Promise<oidc.Configuration> } | null = null;

  constructor(private readonly config: AppConfig) {}

  get settings(): OidcSettings {
    if (!this.config.oidc) throw new SsoError('not-configured');
    return this.config.oidc;
  }

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  async authorizationUrl(checks: AuthorizationChecks): Promise<URL> {
    const configuration = await this.configuration();
    const settings = this.settings;
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes.join(' '),
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Exchanges the code of the callback URL for tokens, validates the ID token, and returns its claims
   * completed by the UserInfo response when the provider has that endpoint (groups and e-mail are
   * often only there). ID token claims win over UserInfo claims of the same name.
   */
  async claimsOfCallback(callbackUrl: URL, checks: AuthorizationChecks): Promise<Claims> {
    const configuration = await this.configuration();
    const tokens = await this.guard('token', () =>
      oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      }),
    );
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoError('invalid-token');
    if (!configuration.serverMetadata().userinfo_endpoint) return { ...idClaims };
    const userInfo = await this.guard('userinfo', () => oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub));
    return { ...userInfo, ...idClaims };
  }

  /** The provider's sign-out URL (RP-Initiated Logout 1.0), or null when it advertises none or is unreachable. */
  async endSessionUrl(): Promise<URL | null> {
    try {
      const configuration = await this.configuration();
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(configuration, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutRedirectUri });
    } catch (error) {
      if (error instanceof SsoError) return null;
      throw error;
    }
  }

  /** Discovery (OpenID Connect Discovery 1.0), cached; a failure is not cached, so the next sign-in tries again. */
  private configuration(): Promise<oidc.Configuration> {
    const now = Date.now();
    if (this.discovered && now - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.configuration;
    const settings = this.settings;
    const configuration = this.guard('discovery', async () => {
      const found = await oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        timeout: REQUEST_TIMEOUT_SECONDS,
        execute: settings.allowHttp ? [oidc.allowInsecureRequests] : [],
      });
      found.timeout = REQUEST_TIMEOUT_SECONDS;
      return found;
    });
    this.discovered = { at: now, configuration };
    configuration.catch(() => {
      if (this.discovered?.configuration === configuration) this.discovered = null;
    });
    return configuration;
  }

  private async guard<T>(stage: 'discovery' | 'token' | 'userinfo', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const reason = failureOf(error, stage);
      // The library's message and codes carry no secret; its `cause` may hold tokens and claims: never logged.
      const { code, error: oauthError, status } = (error ?? {}) as { code?: string; error?: string; status?: number };
      this.logger.warn({ message: 'single sign-on refused', stage, reason, errorName: (error as Error)?.name, errorMessage: (error as Error)?.message, code, oauthError, status });
      throw new SsoError(reason);
    }
  }
}

/** What a person is told for an error of openid-client at a stage of the flow. */
export function failureOf(error: unknown, stage: 'discovery' | 'token' | 'userinfo'): SsoFailure {
  if (error instanceof SsoError) return error.reason;
  if (error instanceof oidc.AuthorizationResponseError) {
    // RFC 6749 §4.1.2.1: the person declined, or the provider refuses them the app.
    return ['access_denied', 'unauthorized_client', 'consent_required', 'interaction_required', 'login_required'].includes(error.error) ? 'denied' : 'provider-error';
  }
  if (error instanceof oidc.ResponseBodyError) {
    // RFC 6749 §5.2: invalid_grant is an expired, used or unknown code (or a PKCE mismatch).
    if (error.error === 'invalid_grant') return 'code-rejected';
    return error.status >= 500 ? 'provider-unavailable' : 'provider-error';
  }
  if (error instanceof oidc.ClientError) {
    // The library wraps what it does not know (e.g. a fetch TypeError from another realm): judge the cause.
    if (error.code === undefined && error.cause) return failureOf(error.cause, stage);
    const cause = error.cause as { attribute?: string; message?: string; cause?: { claim?: string }; status?: number } | undefined;
    switch (error.code) {
      case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
        return cause?.attribute === 'issuer' ? 'wrong-issuer' : 'provider-error';
      case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
        return cause?.cause?.claim === 'iss' ? 'wrong-issuer' : 'invalid-token';
      case 'OAUTH_INVALID_RESPONSE': {
        // The authorization response: RFC 9207's `iss` parameter names another issuer, or `state` does not match.
        const message = cause?.message ?? '';
        if (/"iss"/.test(message)) return 'wrong-issuer';
        if (/"state"/.test(message)) return 'bad-state';
        return stage === 'token' ? 'invalid-token' : 'provider-error';
      }
      case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      case 'OAUTH_KEY_SELECTION_FAILED':
        return 'invalid-token';
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return 'provider-unavailable';
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
        // An HTTP error status: 5xx is an outage, anything else a provider that does not serve this request.
        return (cause?.status ?? 0) >= 500 ? 'provider-unavailable' : 'provider-error';
      default:
        return 'provider-error';
    }
  }
  // fetch() itself failed: connection refused, DNS, TLS, reset (by name: the TypeError may be of another realm).
  if ((error as Error | null)?.name === 'TypeError' && (error as Error).message === 'fetch failed') return 'provider-unavailable';
  // jose: a signature that does not verify.
  if ((error as { code?: string } | null)?.code?.startsWith('ERR_JWS') || (error as { code?: string } | null)?.code?.startsWith('ERR_JWT')) return 'invalid-token';
  return 'provider-error';
}
