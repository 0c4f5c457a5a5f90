import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Locale } from '../i18n/locale';
import { Role } from '../common/access-policy';

/** Who is calling: set on the request by the access guard. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  tokenId: string;
}

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedUser => context.switchToHttp().getRequest().user,
);
