import { Module } from '@nestjs/common';
import { OidcProviderClient } from './oidc-provider-client';
import { OidcSignInService } from './oidc-sign-in.service';

/** Single sign-on with an OpenID Connect provider, beside local passwords (pages in ui/sso.controller.ts). */
@Module({
  providers: [OidcProviderClient, OidcSignInService],
  exports: [OidcSignInService],
})
export class OidcModule {}
