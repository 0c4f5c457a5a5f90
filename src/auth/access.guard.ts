import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/domain-errors';
import { term } from '../common/problems';
import { setActor, setLocale } from '../common/request-context';
import { isPageRequest, isUnsafeMethod } from '../common/page-request';
import { ACCESS_POLICY, AccessPolicy } from '../common/access-policy';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from '../common/authenticated-user';
import { SessionCookies } from './session-cookies';

/**
 * The global guard: a route is public, or needs a signed-in user whose role its policy lists.
 * A route that declares no policy is refused to everyone (deny by default).
 * API routes authenticate with a bearer token; admin UI pages with the session cookie, and their
 * state-changing requests must carry the session's CSRF token (the sign-in form its pre-session one).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly sessions: SessionCookies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const page = isPageRequest(request);
    if (policy && 'public' in policy) {
      if (page && isUnsafeMethod(request.method)) this.sessions.verify(request, null);
      return true;
    }
    const token = page ? this.sessions.sessionToken(request) : bearerToken(request);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new UnauthenticatedError();
    request.user = user;
    // The audit trail names this user as the actor of whatever the request changes.
    setActor(user);
    setLocale(user.locale);
    if (page) {
      const response = context.switchToHttp().getResponse<Response>();
      Object.assign(response.locals, { user, locale: user.locale, csrfToken: this.sessions.csrfToken(user.tokenId) });
    }
    if (!policy) {
      this.logger.error({ message: 'route has no access policy; refused', route: `${context.getClass().name}.${context.getHandler().name}` });
      throw new ForbiddenError({ code: 'no-access-policy' });
    }
    if (!policy.roles.includes(user.role)) throw new ForbiddenError({ code: 'role-forbidden', params: { role: term(`ui.enum.role.${user.role}`) } });
    if (page && isUnsafeMethod(request.method)) this.sessions.verify(request, user.tokenId);
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
