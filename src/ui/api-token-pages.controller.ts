import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EVERY_ROLE, Roles } from '../common/access-policy';
import { ApiTokensService } from '../auth/api-tokens.service';
import { AuthenticatedUser, CurrentUser } from '../common/authenticated-user';
import { CreateApiTokenDto } from '../auth/dto/api-token.dto';
import { IdParam } from '../common/id-param';
import { AccountPage } from './account-page';
import { form, render, submitForm, validated } from './forms';

/** The account page's personal API tokens: create (the token is shown on this one answer only) and revoke. */
@ApiExcludeController()
@Roles(...EVERY_ROLE)
@Controller('account/tokens')
export class ApiTokenPagesController {
  constructor(
    private readonly tokens: ApiTokensService,
    private readonly account: AccountPage,
  ) {}

  @Post()
  create(@Res() response: Response, @Body() body: Record<string, unknown>, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return submitForm(response, {
      read: () => validated(CreateApiTokenDto, { name: form.text(body.name), expiresInDays: form.integer(body.expiresInDays) ?? undefined }),
      save: async (value) => {
        const created = await this.tokens.create(user, value);
        // Not a redirect: the token must not travel in a URL, and it is never stored to be shown again.
        response.setHeader('Cache-Control', 'no-store');
        render(response, 'pages/account', await this.account.model(user, { createdToken: created }));
      },
      reshow: async (tokenErrors, status) => render(response, 'pages/account', await this.account.model(user, { tokenErrors, tokenName: form.text(body.name) }), status),
    });
  }

  @Post(':id/revoke')
  async revoke(@Res() response: Response, @IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.tokens.revoke(user.id, id);
    response.redirect(303, '/account?notice=tokenRevoked#api-tokens');
  }
}
