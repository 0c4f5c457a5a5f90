import { SetMetadata } from '@nestjs/common';

import { Role } from '../rules/roles';

/** What a user may do is their role (README, "Security": Roles); the roles themselves are plain data in rules/roles.ts. */
export { ROLES } from '../rules/roles';
export type { Role } from '../rules/roles';

export const ACCESS_POLICY = 'accessPolicy';

/**
 * Every route declares who may call it; the guard denies a route that declares nothing.
 * `public` needs no sign-in; otherwise the list of roles allowed.
 */
export type AccessPolicy = { public: true; ownGuard?: true } | { roles: readonly Role[] };

export const Public = () => SetMetadata(ACCESS_POLICY, { public: true } satisfies AccessPolicy);
/**
 * Public, but answered by a guard of the route's own that checks its credential and its CSRF token
 * (a questionnaire's link: a token, not a session); the global guard leaves both to it.
 */
export const PublicWithOwnGuard = () => SetMetadata(ACCESS_POLICY, { public: true, ownGuard: true } satisfies AccessPolicy);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_POLICY, { roles } satisfies AccessPolicy);

/** Role groups (README, "Security": Roles). */
export const EVERY_ROLE: Role[] = ['viewer', 'legal', 'compliance', 'admin'];
export const VENDOR_WRITERS: Role[] = ['compliance', 'admin'];
export const CONTRACT_WRITERS: Role[] = ['legal', 'compliance', 'admin'];
export const CHECKLIST_WRITERS: Role[] = ['legal', 'admin'];
export const ADMINS: Role[] = ['admin'];
/** Who reads the audit log and the notification ledger. */
export const LEDGER_READERS: Role[] = ['compliance', 'admin'];
