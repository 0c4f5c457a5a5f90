import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords as NIST SP 800-63B 5.1.1.2 asks: at least 12 characters (up to 200, any characters,
 * spaces included and never trimmed), no composition rules, and refused when they are on a list of
 * common or breached passwords, repetitive or sequential ("aaaaaaaaaaaa", "abcdefghijkl"), or
 * context-specific (the user's e-mail address or name, the service's name).
 * The list: the 49,233 most common passwords that @zxcvbn-ts/language-common ships (MIT), from
 * public breach corpora.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

const COMMON = new Set(dictionary['passwords-common'] as string[]);
const SERVICE_WORDS = ['vendor oversight', 'vendoroversight', '委託先監督'];

export type PasswordProblem = 'repeated' | 'sequence' | 'common' | 'personal';

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  repeated: 'must not be a single repeated character',
  sequence: 'must not be a sequence of characters',
  common: 'is too common (it is on a list of breached or common passwords)',
  personal: 'must not contain your e-mail address or name',
};

export interface PasswordOwner {
  email?: string | null;
  name?: string | null;
}

/** What is wrong with the password (length aside: MinLength says that), or null. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): PasswordProblem | null {
  const characters = [...password];
  if (characters.length < MIN_PASSWORD_LENGTH) return null;
  if (characters.every((character) => character === characters[0])) return 'repeated';
  const codes = characters.map((character) => character.codePointAt(0)!);
  const step = codes[1] - codes[0];
  if (Math.abs(step) === 1 && codes.every((code, index) => index === 0 || code - codes[index - 1] === step)) return 'sequence';
  const folded = password.normalize('NFKC').toLowerCase();
  // Stryker disable next-line Regex: equivalent, removing each space or each run of spaces leaves the same text
  const joined = folded.replace(/\s+/g, '');
  if (COMMON.has(folded) || COMMON.has(joined)) return 'common';
  if (personalWords(owner).some((word) => folded.includes(word) || joined.includes(word))) return 'personal';
  return null;
}

/** The e-mail address, its local part, the name and its parts, and the service's name. */
function personalWords(owner: PasswordOwner): string[] {
  const fold = (text: string) => text.normalize('NFKC').toLowerCase().trim();
  const words = [...SERVICE_WORDS];
  if (owner.email) {
    const email = fold(owner.email);
    words.push(email);
    const local = email.split('@')[0];
    if (local.length >= 3) words.push(local);
  }
  if (owner.name) {
    const name = fold(owner.name);
    // Stryker disable next-line Regex: equivalent, removing each space or each run of spaces leaves the same text
    if (name.length >= 3) words.push(name, name.replace(/\s+/g, ''));
    // Parts of a name: 4 letters or more, or 2 or more non-Latin characters (田中, 一郎).
    // Stryker disable next-line Regex: equivalent, the empty parts that single spaces leave are too short to keep
    words.push(...name.split(/\s+/).filter((part) => [...part].length >= 4 || ([...part].length >= 2 && /^[^\x00-\x7f]+$/.test(part))));
  }
  return words;
}
