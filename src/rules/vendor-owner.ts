/**
 * A vendor's owner is a user (their address; the name is their account's) or someone who is not one,
 * recorded by name and address. What is wrong with an owner as given, if anything.
 */
export type OwnerProblem = 'name-without-email' | 'name-for-user';

export function ownerProblem(owner: { ownerEmail: string | null; ownerName: string | null }, userEmails: ReadonlySet<string>): OwnerProblem | null {
  if (owner.ownerName === null) return null;
  if (owner.ownerEmail === null) return 'name-without-email';
  return userEmails.has(owner.ownerEmail) ? 'name-for-user' : null;
}
