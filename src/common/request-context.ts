import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** Who acts in the current request (or job): the audit trail records it with every change. */
export interface Actor {
  id: string;
  email: string;
  /** An actor who is no user: a vendor's contact through a questionnaire's link (audit-log-entry.entity.ts). */
  via?: 'vendor-contact-link';
}

interface RequestContext {
  actor: Actor | null;
  /** The signed-in user's language (for messages built far from the controller, e.g. form validation). */
  locale: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Express middleware: every request runs in a context of its own, with no actor until signed in. */
export function requestContext(_request: Request, _response: Response, next: NextFunction): void {
  storage.run({ actor: null, locale: null }, next);
}

/** Set by the access guard once it knows the caller. */
export function setActor(actor: Actor): void {
  const context = storage.getStore();
  if (context) context.actor = { id: actor.id, email: actor.email, ...(actor.via ? { via: actor.via } : {}) };
}

/** Set by the access guard with the actor. */
export function setLocale(locale: string): void {
  const context = storage.getStore();
  if (context) context.locale = locale;
}

export function currentLocale(): string | null {
  return storage.getStore()?.locale ?? null;
}

/** The signed-in caller, or null for scheduled jobs, the CLI and anonymous requests ("system"). */
export function currentActor(): Actor | null {
  return storage.getStore()?.actor ?? null;
}

/** Runs work on behalf of an actor outside a request (e.g. a sign-in before the guard knows the user). */
export function runAs<T>(actor: Actor | null, work: () => T): T {
  return storage.run({ actor: actor ? { id: actor.id, email: actor.email, ...(actor.via ? { via: actor.via } : {}) } : null, locale: null }, work);
}
