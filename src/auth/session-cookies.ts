import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { ForbiddenError } from '../common/domain-errors';
import { AppConfig, resolveSessionSecret } from '../config/app-config';

/** The session cookie holds the random sign-in token; the database holds only its hash (auth_tokens). */
export const SESSION_COOKIE = 'vo_session';
/** Before sign-in: a random nonce that the sign-in form's CSRF token is bound to (login CSRF). */
export const PRE_SESSION_COOKIE = 'vo_pre';
/** The language chosen on the sign-in page (users signed in use their own saved locale). */
export const LANGUAGE_COOKIE = 'vo_lang';
export const CSRF_FIELD = '_csrf';
/** A single sign-on in progress: the random key of its oidc_sign_in_attempts row, sent only to /auth/oidc. */
export const SSO_ATTEMPT_COOKIE = 'vo_sso';
const SSO_PATH = '/auth/oidc';

/**
 * Session cookies and CSRF tokens of the admin UI, kept stateless: sessions live in the database
 * (the same auth_tokens as bearer tokens, so TTL, revocation on sign-out, password change and
 * disabling apply alike), and a CSRF token is an HMAC of the session id under SESSION_SECRET
 * (OWASP's HMAC-based synchronizer token), so any instance can check it without storing it.
 */
@Injectable()
export class SessionCookies {
  private readonly secret: string;
  private readonly secureByUrl: boolean;

  constructor(private readonly config: AppConfig) {
    this.secret = config.sessionSecret ?? resolveSessionSecret(config);
    this.secureByUrl = config.appUrl.startsWith('https:');
  }

  sessionToken(request: Request): string | null {
    const value = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;
  }

  startSession(request: Request, response: Response, token: string, expiresAt: Date): void {
    response.cookie(SESSION_COOKIE, token, { ...this.options(request), expires: expiresAt });
    response.clearCookie(PRE_SESSION_COOKIE, this.options(request));
  }

  endSession(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, this.options(request));
  }

  /** The CSRF token of a signed-in session (tokenId is the auth_tokens row of the session). */
  csrfToken(sessionId: string): string {
    return this.hmac(`session:${sessionId}`);
  }

  /** The CSRF token of the sign-in form, bound to a nonce cookie set here when missing. */
  preSessionCsrfToken(request: Request, response: Response): string {
    let nonce = (request.cookies as Record<string, string> | undefined)?.[PRE_SESSION_COOKIE];
    if (typeof nonce !== 'string' || nonce.length < 20 || nonce.length > 100) {
      nonce = randomBytes(24).toString('base64url');
      response.cookie(PRE_SESSION_COOKIE, nonce, this.options(request));
    }
    return this.hmac(`pre:${nonce}`);
  }

  /** Refuses (403) a state-changing page request whose CSRF token is missing or wrong. */
  verify(request: Request, sessionId: string | null): void {
    const expected = sessionId ? this.csrfToken(sessionId) : this.preSessionExpected(request);
    const sent = sentToken(request);
    if (!expected || !sent || !safeEqual(sent, expected)) throw new ForbiddenError({ field: 'csrf', code: 'csrf-invalid' });
  }

  /**
   * SameSite=Lax reaches the provider's redirect back (a top-level GET); the cookie lives as long as
   * the attempt and only under /auth/oidc.
   */
  startSsoAttempt(request: Request, response: Response, key: string, expiresAt: Date): void {
    response.cookie(SSO_ATTEMPT_COOKIE, key, { ...this.options(request), path: SSO_PATH, expires: expiresAt });
  }

  /** The attempt's key, if the browser sent one; the cookie is cleared either way (one use). */
  takeSsoAttempt(request: Request, response: Response): string | null {
    const value = (request.cookies as Record<string, string> | undefined)?.[SSO_ATTEMPT_COOKIE];
    response.clearCookie(SSO_ATTEMPT_COOKIE, { ...this.options(request), path: SSO_PATH });
    return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;
  }

  rememberLanguage(request: Request, response: Response, locale: string): void {
    response.cookie(LANGUAGE_COOKIE, locale, { ...this.options(request), httpOnly: false, maxAge: 365 * 86_400_000 });
  }

  /** httpOnly, SameSite=Lax; Secure when APP_URL is https or the request came over HTTPS (trust proxy). */
  private options(request: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secureByUrl || request.secure, path: '/' };
  }

  private preSessionExpected(request: Request): string | null {
    const nonce = (request.cookies as Record<string, string> | undefined)?.[PRE_SESSION_COOKIE];
    return typeof nonce === 'string' && nonce.length >= 20 ? this.hmac(`pre:${nonce}`) : null;
  }

  private hmac(value: string): string {
    return createHmac('sha256', this.secret).update(value).digest('base64url');
  }
}

function sentToken(request: Request): string | null {
  const fromBody = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (typeof fromBody === 'string') return fromBody;
  const fromHeader = request.headers['x-csrf-token'];
  if (typeof fromHeader === 'string') return fromHeader;
  // A file upload's body is read after the guard: its form sends the token in the action's query string.
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  return request.is('multipart/form-data') && typeof fromQuery === 'string' ? fromQuery : null;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
