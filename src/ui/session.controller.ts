import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVERY_ROLE, Public, Roles } from '../common/access-policy';
import { AuthService } from '../auth/auth.service';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { LANGUAGE_COOKIE, SessionCookies } from '../auth/session-cookies';
import { TooManyAttemptsError, UnauthenticatedError } from '../common/domain-errors';
import { PasswordSignInRefusedError } from '../auth/local-login';
import { OidcSignInService } from '../auth/oidc/oidc-sign-in.service';
import { AppConfig } from '../config/app-config';
import { AccountPage } from './account-page';
import { UpdateUserDto } from '../users/dto/user.dto';
import { Locale, LOCALES } from '../i18n/locale';
import { UsersService } from '../users/users.service';
import { form, render, safeNext, submitForm, validated } from './forms';
import { httpStatusOf } from '../common/api-exception.filter';

const NOTICES: Record<string, string> = { signedOut: 'ui.login.signedOut', passwordChanged: 'ui.login.passwordChanged', saved: 'ui.account.saved', tokenRevoked: 'ui.apiTokens.revoked' };

const SIGN_IN_REFUSED = { disabled: 'ui.login.passwordDisabled', 'admins-only': 'ui.login.passwordAdminsOnly' } as const;

/** Sign-in and sign-out with a session cookie, and the user's own language and password. */
@ApiExcludeController()
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionCookies,
    private readonly users: UsersService,
    private readonly sso: OidcSignInService,
    private readonly config: AppConfig,
    private readonly accountPage: AccountPage,
  ) {}

  @Public()
  @Get('login')
  loginPage(@Req() request: Request, @Res() response: Response, @Query() query: Record<string, unknown>): void {
    const locale = this.pageLocale(request, response, query.lang);
    const next = safeNext(query.next) === '/' ? '' : safeNext(query.next);
    render(response, 'pages/login', {
      locale, titleKey: 'ui.login.title', csrfToken: this.sessions.preSessionCsrfToken(request, response),
      next, nextParam: next ? encodeURIComponent(next) : '', notice: NOTICES[String(query.notice)], ...this.signInChoices(),
    });
  }

  /** Through AuthService.login: throttled (429 after 10 failures) and audited like the API's sign-in. */
  @Public()
  @Post('login')
  async login(@Req() request: Request, @Res() response: Response, @Body() body: Record<string, unknown>): Promise<void> {
    const locale = this.pageLocale(request, response, undefined);
    const email = form.text(body.email) ?? '';
    const next = safeNext(body.next);
    try {
      // A password is taken as typed: spaces are characters too (never trimmed, as in the API).
      const { token, expiresAt, user } = await this.auth.login(email, typeof body.password === 'string' ? body.password : '', request.ip ?? '');
      this.sessions.startSession(request, response, token, expiresAt);
      // Pages no route answers (404) are shown in the user's language too.
      this.sessions.rememberLanguage(request, response, user.locale);
      response.redirect(303, next);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError || error instanceof TooManyAttemptsError || error instanceof PasswordSignInRefusedError)) throw error;
      if (error instanceof TooManyAttemptsError) response.setHeader('Retry-After', String(error.retryAfterSeconds));
      render(response, 'pages/login', {
        locale, titleKey: 'ui.login.title', csrfToken: this.sessions.preSessionCsrfToken(request, response), email, next: next === '/' ? '' : next,
        errorKey: error instanceof TooManyAttemptsError ? 'ui.login.throttled' : error instanceof PasswordSignInRefusedError ? SIGN_IN_REFUSED[error.mode] : 'ui.login.failed',
        ...this.signInChoices(),
      }, httpStatusOf(error));
    }
  }

  @Roles(...EVERY_ROLE)
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const providerSignOut = await this.sso.signOutUrl(user);
    await this.auth.logout(user.tokenId);
    this.sessions.endSession(request, response);
    this.sessions.rememberLanguage(request, response, user.locale);
    // A person who signed in through the provider is signed out there too (RP-Initiated Logout 1.0).
    // A page that moves on by itself, not a redirect: CSP form-action 'self' forbids a form's redirect elsewhere.
    if (providerSignOut) return render(response, 'pages/signing-out', { user: null, locale: user.locale, titleKey: 'ui.sso.signingOutTitle', refreshUrl: providerSignOut.href });
    response.redirect(303, '/login?notice=signedOut');
  }

  @Roles(...EVERY_ROLE)
  @Get('account')
  @Render('pages/account')
  account(@Query('notice') notice: string | undefined, @CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.accountPage.model(user, { notice: NOTICES[String(notice)] });
  }

  @Roles(...EVERY_ROLE)
  @Post('account/locale')
  changeLocale(@Req() request: Request, @Res() response: Response, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: async () => validated(UpdateUserDto, { version: (await this.users.get(user.id)).version, locale: form.text(body.locale) }),
      save: async (value) => {
        await this.users.update(user.id, value);
        if (value.locale) this.sessions.rememberLanguage(request, response, value.locale);
        return '/account?notice=saved';
      },
      reshow: async (errors, status) => render(response, 'pages/account', await this.accountPage.model(user, { errors }), status),
    });
  }

  /**
   * AuthService.changePassword: the current password is checked like a sign-in (throttled); the
   * change ends every session of the user, so this one is replaced by the new one it issues.
   */
  @Roles(...EVERY_ROLE)
  @Post('account/password')
  changePassword(@Req() request: Request, @Res() response: Response, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    const password = typeof body.newPassword === 'string' ? body.newPassword : '';
    return submitForm(response, {
      read: async () => {
        const current = await this.users.get(user.id);
        // The user's address and name go in for the password rules only (a password may not contain them).
        return validated(UpdateUserDto, { version: current.version, password, email: current.email, name: current.name });
      },
      save: async () => {
        const { token, expiresAt } = await this.auth.changePassword(user, typeof body.currentPassword === 'string' ? body.currentPassword : '', password, request.ip ?? '');
        this.sessions.startSession(request, response, token, expiresAt);
        return '/account?notice=passwordChanged';
      },
      // The DTO names the new password `password`; the form calls it newPassword.
      reshow: async (errors, status) => render(response, 'pages/account', await this.accountPage.model(user, { errors: { ...errors, newPassword: errors.password } }), status),
    });
  }

  /** What the sign-in page offers: the provider (single sign-on) and, unless LOCAL_LOGIN=disabled, the password form. */
  private signInChoices(): Record<string, boolean> {
    return { sso: this.sso.enabled, passwordForm: this.config.localLogin !== 'disabled', adminsOnly: this.config.localLogin === 'admins-only' };
  }

  /** The sign-in page's language: ?lang= (remembered in a cookie), the cookie, or Japanese. */
  private pageLocale(request: Request, response: Response, requested: unknown): Locale {
    if (typeof requested === 'string' && (LOCALES as readonly string[]).includes(requested)) {
      this.sessions.rememberLanguage(request, response, requested);
      return requested as Locale;
    }
    const remembered = (request.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE];
    return remembered === 'en' ? 'en' : 'ja';
  }
}
