import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { changesBetween, recordAudit } from '../../audit-log/audit-trail';
import { Clock } from '../../common/clock';
import { isUniqueViolation } from '../../common/database-errors';
import { sha256Hex } from '../../common/objects';
import { AppConfig } from '../../config/app-config';
import { runInTransaction } from '../../database/transactions';
import { Role } from '../../common/access-policy';
import { User } from '../../users/user.entity';
import { issueToken } from '../issue-token';
import { NO_LOCAL_PASSWORD } from '../local-login';
import { Claims, profileFromClaims, roleFromClaims, SsoProfile } from './oidc-claims';
import { OidcProviderClient } from './oidc-provider-client';
import { OidcSignInAttempt } from './oidc-sign-in-attempt.entity';
import { SsoError, SsoFailure } from './sso-errors';

/** How long a person has at the provider between leaving the app and coming back. */
export const ATTEMPT_TTL_MS = 10 * 60_000;

export interface StartedSignIn {
  /** Where to send the browser: the provider's authorization endpoint. */
  authorizationUrl: URL;
  /** Random; the browser keeps it in a short-lived cookie, the database its SHA-256. */
  browserKey: string;
  expiresAt: Date;
}

export interface FinishedSignIn {
  token: string;
  expiresAt: Date;
  user: User;
  returnTo: string;
}

/**
 * Single sign-on with OpenID Connect (authorization code flow, PKCE, state and nonce): starts a
 * sign-in, and on the provider's callback finds the person by the issuer's `sub`, creates them just
 * in time, makes their role follow the role claim, and opens a session like a password sign-in
 * (an auth_tokens row). Every outcome is in the audit trail.
 */
@Injectable()
export class OidcSignInService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provider: OidcProviderClient,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.provider.enabled;
  }

  async start(next: string): Promise<StartedSignIn> {
    const returnTo = next.length <= 2000 ? next : '/';
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    // Discovery first: an unreachable or misconfigured provider is reported before anything is stored.
    const authorizationUrl = await this.provider.authorizationUrl(checks);
    const browserKey = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ATTEMPT_TTL_MS);
    await runInTransaction(this.dataSource, async (manager) => {
      // Abandoned attempts count for nothing: keep the table small.
      await manager.delete(OidcSignInAttempt, { expiresAt: LessThan(new Date(now.getTime() - ATTEMPT_TTL_MS)) });
      await manager.insert(OidcSignInAttempt, Object.assign(new OidcSignInAttempt(), {
        browserKeyHash: sha256Hex(browserKey), ...checks, returnTo, createdAt: now, expiresAt,
      }));
    });
    return { authorizationUrl, browserKey, expiresAt };
  }

  /**
   * The provider's callback. The attempt is taken (deleted) before anything else, so a replayed
   * callback finds nothing; an unknown, expired or foreign attempt is a bad state.
   */
  async finish(browserKey: string | null, callbackUrl: URL): Promise<FinishedSignIn> {
    let attempt: OidcSignInAttempt | null = null;
    let claims: Claims;
    try {
      attempt = browserKey ? await this.takeAttempt(browserKey) : null;
      if (!attempt) throw new SsoError('bad-state');
      if (attempt.expiresAt.getTime() <= this.clock.now().getTime()) throw new SsoError('bad-state');
      claims = await this.provider.claimsOfCallback(callbackUrl, attempt);
    } catch (error) {
      // Nobody is known yet: the trail keeps the reason only (like a failed password sign-in of an unknown account).
      if (error instanceof SsoError) await this.recordRefusal(error.reason, null);
      throw error;
    }
    try {
      return await this.signIn(claims, attempt.returnTo);
    } catch (error) {
      // Two first sign-ins of one person at once: the loser finds the user the winner created.
      if (isUniqueViolation(error)) return this.signIn(claims, attempt.returnTo);
      throw error;
    }
  }

  /** The provider's sign-out URL for a user who signed in through it, or null. */
  async signOutUrl(user: { id: string }): Promise<URL | null> {
    if (!this.enabled) return null;
    const row = await this.dataSource.getRepository(User).findOneBy({ id: user.id });
    return row?.oidcSubject ? this.provider.endSessionUrl() : null;
  }

  private async takeAttempt(browserKey: string): Promise<OidcSignInAttempt | null> {
    return runInTransaction(this.dataSource, async (manager) => {
      const attempt = await manager.findOneBy(OidcSignInAttempt, { browserKeyHash: sha256Hex(browserKey) });
      if (!attempt) return null;
      const { affected } = await manager.delete(OidcSignInAttempt, { id: attempt.id });
      return affected === 1 ? attempt : null;
    });
  }

  private async signIn(claims: Claims, returnTo: string): Promise<FinishedSignIn> {
    const settings = this.provider.settings;
    const subject = String(claims.sub);
    // OpenID Connect Core §2: `sub` is at most 255 ASCII characters (the column's width).
    if (subject.length > 255) throw new SsoError('invalid-token');
    const profile = profileFromClaims(claims);
    const decision = roleFromClaims(claims, settings);
    try {
      return await runInTransaction(this.dataSource, async (manager) => {
        const now = this.clock.now();
        let user = await manager.findOneBy(User, { oidcIssuer: settings.issuer, oidcSubject: subject });
        user ??= await this.linkByEmail(manager, profile, subject, now);
        if (user && !user.active) throw new SsoError('deactivated');
        const role = decision.kind === 'role' ? decision.role : decision.kind === 'app-managed' ? (user?.role ?? settings.defaultRole) : null;
        if (!role) throw new SsoError('no-role');
        user = user ? await this.follow(manager, user, role, profile, now) : await this.createJustInTime(manager, subject, profile, role, now);
        const expiresAt = new Date(now.getTime() + this.config.tokenTtlHours * 3_600_000);
        const { token } = await issueToken(manager, { userId: user.id, now, expiresAt });
        await recordAudit(manager, { action: 'sign-in', entityType: 'user', entityId: user.id, actor: { id: user.id, email: user.email }, summary: { method: 'oidc' } });
        return { token, expiresAt, user, returnTo };
      });
    } catch (error) {
      if (error instanceof SsoError) await this.recordRefusal(error.reason, { subject, email: profile.email });
      throw error;
    }
  }

  /**
   * A person not yet linked whose address is an existing account's: linked only when the provider
   * vouches for the address (`email_verified`), since some providers let people set any address
   * (e.g. Entra ID's mutable `email`), which would otherwise take over the account.
   */
  private async linkByEmail(manager: EntityManager, profile: SsoProfile, subject: string, now: Date): Promise<User | null> {
    if (!profile.email) return null;
    const existing = await manager.findOneBy(User, { email: profile.email });
    if (!existing) return null;
    const linkedHere = existing.oidcSubject !== null && existing.oidcIssuer === this.provider.settings.issuer;
    if (linkedHere || !profile.emailVerified) throw new SsoError('email-taken');
    const before = { ...existing };
    Object.assign(existing, { oidcIssuer: this.provider.settings.issuer, oidcSubject: subject, updatedAt: now });
    await manager.save(existing);
    await recordAudit(manager, { action: 'update', entityType: 'user', entityId: existing.id, actor: null, changes: changesBetween(before, existing), summary: { source: 'oidc', linkedBy: 'verified-email' } });
    return existing;
  }

  private async createJustInTime(manager: EntityManager, subject: string, profile: SsoProfile, role: Role, now: Date): Promise<User> {
    if (!profile.email) throw new SsoError('missing-email');
    const user = Object.assign(new User(), {
      email: profile.email, name: profile.name, role, locale: profile.locale, passwordHash: NO_LOCAL_PASSWORD, active: true,
      oidcIssuer: this.provider.settings.issuer, oidcSubject: subject, createdAt: now, updatedAt: now,
    });
    const row = await manager.save(user);
    await recordAudit(manager, { action: 'create', entityType: 'user', entityId: row.id, actor: null, changes: changesBetween(null, row), summary: { source: 'oidc' } });
    return row;
  }

  /**
   * The role follows the provider's claim at every sign-in, and the name and address too (unless
   * another account has that address). The change is audited; removing the last active admin is
   * refused like everywhere else (nobody could manage users any more).
   */
  private async follow(manager: EntityManager, user: User, role: Role, profile: SsoProfile, now: Date): Promise<User> {
    const changes: Partial<User> = {};
    if (user.role !== role) changes.role = role;
    if (profile.name && user.name !== profile.name) changes.name = profile.name;
    if (profile.email && user.email !== profile.email && !(await manager.existsBy(User, { email: profile.email }))) changes.email = profile.email;
    if (Object.keys(changes).length === 0) return user;
    const before = { ...user };
    Object.assign(user, changes, { updatedAt: now });
    await manager.save(user);
    if (changes.role && before.role === 'admin' && (await manager.countBy(User, { role: 'admin', active: true })) === 0) throw new SsoError('last-admin');
    await recordAudit(manager, { action: 'update', entityType: 'user', entityId: user.id, actor: null, changes: changesBetween(before, user), summary: { source: 'oidc' } });
    return user;
  }

  /**
   * A refused sign-in, in the trail like a failed password sign-in (its own transaction: the other
   * rolled back): the user when the provider named a known one, else the address the provider sent.
   */
  private async recordRefusal(reason: SsoFailure, person: { subject: string; email: string | null } | null): Promise<void> {
    const user = person ? await this.dataSource.getRepository(User).findOneBy({ oidcIssuer: this.provider.settings.issuer, oidcSubject: person.subject }) : null;
    await runInTransaction(this.dataSource, (manager) =>
      recordAudit(manager, {
        action: 'sign-in-failed', entityType: 'user', entityId: user?.id ?? null,
        actor: user ? { id: user.id, email: user.email } : null,
        summary: { method: 'oidc', reason, ...(person && !user ? { email: person.email } : {}) },
      }),
    );
  }
}
