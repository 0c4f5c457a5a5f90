import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/access-policy';
import { OidcSignInService } from '../auth/oidc/oidc-sign-in.service';
import { SsoError } from '../auth/oidc/sso-errors';
import { httpStatusOf } from '../common/api-exception.filter';
import { messageKeyOf } from '../common/problems';
import { LANGUAGE_COOKIE, SessionCookies } from '../auth/session-cookies';
import { AppConfig } from '../config/app-config';
import { render, safeNext } from './forms';

/**
 * Single sign-on pages: the start (to the provider) and the provider's callback (a session, as a
 * password sign-in opens). A refused sign-in is a page in the browser's language, never a 500.
 */
@ApiExcludeController()
@Controller('auth/oidc')
export class SsoController {
  constructor(
    private readonly sso: OidcSignInService,
    private readonly sessions: SessionCookies,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async start(@Req() request: Request, @Res() response: Response, @Query('next') next: unknown): Promise<void> {
    try {
      if (!this.sso.enabled) throw new SsoError('not-configured');
      const { authorizationUrl, browserKey, expiresAt } = await this.sso.start(safeNext(next));
      this.sessions.startSsoAttempt(request, response, browserKey, expiresAt);
      response.redirect(302, authorizationUrl.href);
    } catch (error) {
      this.refused(request, response, error);
    }
  }

  @Public()
  @Get('callback')
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const browserKey = this.sessions.takeSsoAttempt(request, response);
    try {
      if (!this.sso.enabled) throw new SsoError('not-configured');
      const { token, expiresAt, user, returnTo } = await this.sso.finish(browserKey, this.callbackUrl(request));
      this.sessions.startSession(request, response, token, expiresAt);
      this.sessions.rememberLanguage(request, response, user.locale);
      response.redirect(303, returnTo);
    } catch (error) {
      this.refused(request, response, error);
    }
  }

  /** Where the provider's sign-out sends the browser back (registered at the provider as the post-logout URI). */
  @Public()
  @Get('signed-out')
  signedOut(@Res() response: Response): void {
    response.redirect(303, '/login?notice=signedOut');
  }

  /**
   * The callback as the provider was told it (APP_URL, whatever host a proxy forwarded), with the
   * query the provider sent: openid-client derives the token request's redirect_uri from it.
   */
  private callbackUrl(request: Request): URL {
    const url = new URL(this.config.oidc!.redirectUri);
    url.search = new URL(request.originalUrl, 'http://callback.invalid').search;
    return url;
  }

  private refused(request: Request, response: Response, error: unknown): void {
    if (!(error instanceof SsoError)) throw error;
    const locale = (request.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE] === 'en' ? 'en' : 'ja';
    render(response, 'pages/sso-error', {
      locale, titleKey: 'ui.sso.errorTitle', messageKey: messageKeyOf(error.code), reason: error.reason, retry: this.sso.enabled,
    }, httpStatusOf(error));
  }
}
