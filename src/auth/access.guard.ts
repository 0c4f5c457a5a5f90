import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/domain-errors';
import { setActor } from '../common/request-context';
import { ACCESS_POLICY, AccessPolicy } from './access-policy';
import { AuthService } from './auth.service';
import { AuthenticatedUser } from './authenticated-user';

/**
 * The global guard: a route is public, or needs a signed-in user whose role its policy lists.
 * A route that declares no policy is refused to everyone (deny by default).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (policy && 'public' in policy) return true;
    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    const token = bearerToken(request);
    const user = token ? await this.auth.authenticate(token) : null;
    if (!user) throw new UnauthenticatedError();
    request.user = user;
    // The audit trail names this user as the actor of whatever the request changes.
    setActor(user);
    if (!policy) {
      this.logger.error({ message: 'route has no access policy; refused', route: `${context.getClass().name}.${context.getHandler().name}` });
      throw new ForbiddenError('this route has no access policy');
    }
    if (!policy.roles.includes(user.role)) throw new ForbiddenError(`role ${user.role} may not do this`);
    return true;
  }
}

function bearerToken(request: Request): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}
