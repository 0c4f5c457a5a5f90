import { Injectable } from '@nestjs/common';
import { ApiTokensService } from '../auth/api-tokens.service';
import { AuthenticatedUser } from '../common/authenticated-user';
import { hasLocalPassword } from '../auth/local-login';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';

/** Choices of a personal API token's lifetime on the account page (days). */
const TOKEN_DAYS = [7, 30, 90, 365];

/**
 * The account page's model, the same whichever of its forms was sent: the user's language, their
 * password (only when they have one and LOCAL_LOGIN lets them use it) and their personal API tokens.
 */
@Injectable()
export class AccountPage {
  constructor(
    private readonly users: UsersService,
    private readonly apiTokens: ApiTokensService,
    private readonly config: AppConfig,
  ) {}

  async model(user: AuthenticatedUser, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const [row, tokens] = await Promise.all([this.users.get(user.id), this.apiTokens.list(user.id, { page: 1, pageSize: 100 })]);
    const passwordSignIn = this.config.localLogin === 'enabled' || (this.config.localLogin === 'admins-only' && row.role === 'admin');
    return {
      nav: 'account',
      titleKey: 'ui.account.title',
      passwordChange: passwordSignIn && hasLocalPassword(row.passwordHash),
      ssoLinked: row.oidcSubject !== null,
      tokens: tokens.items,
      tokenDays: TOKEN_DAYS,
      ...extra,
    };
  }
}
