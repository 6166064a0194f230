import { PASSWORD_MIN_LENGTH } from '@rampart/domain';
import * as argon2 from 'argon2';

/** Beyond this a "password" is a denial-of-service attempt, not a secret. */
export const PASSWORD_MAX_LENGTH = 1024;

/** OWASP Password Storage Cheat Sheet, argon2id first option: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/**
 * An argon2id hash (same parameters as ARGON2_OPTIONS) of a random secret nobody kept. Verifying a
 * sign-in for an unknown username against it costs what a real verify costs, so response time does
 * not tell which usernames exist. A spec checks its parameters still match ARGON2_OPTIONS.
 */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$3xWlFVc2BJKybVHvwaWHqQ$BYNjq9TQTa6C+VIiQ1QDsHW49tZA6+krTODnBPRInfs';

/**
 * NFKC (NIST SP 800-63B 5.1.1.2): the same passphrase typed on another keyboard or OS, composed or
 * decomposed, hashes the same. Applied on hash, verify and policy alike.
 */
function normalise(plain: string): string {
  return plain.normalize('NFKC');
}

/** Code points, not UTF-16 units: an emoji is one character to the person typing it. */
function length(plain: string): number {
  return [...plain].length;
}

/** Hash a password for storage (argon2id, PHC string with its own random salt). */
export async function hashPassword(plain: string): Promise<string> {
  return argon2.hash(normalise(plain), ARGON2_OPTIONS);
}

/**
 * True only if `plain` matches `hash`. Never throws: a malformed, empty or non-argon2id hash, or a
 * password no policy would have accepted, is simply false.
 */
export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  // Only argon2id is ever written; a stored argon2d/argon2i string means the store was tampered with.
  if (typeof hash !== 'string' || !hash.startsWith('$argon2id$')) return false;
  if (typeof plain !== 'string') return false;
  const normalised = normalise(plain);
  // Refused before hashing: no accepted password is this long, and hashing megabytes costs CPU.
  if (length(normalised) > PASSWORD_MAX_LENGTH) return false;
  try {
    return await argon2.verify(hash, normalised);
  } catch {
    return false;
  }
}

/** For a sign-in whose username does not exist (or is disabled): same work as a real verify, always false. */
export async function verifyAgainstNothing(plain: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, plain);
  return false;
}

/** True when a stored hash was made with other parameters than today's: rehash it after a successful sign-in. */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

/**
 * The problems with a new password, in words; an empty list means acceptable. Length rules only
 * (no composition rules), plus the two choices an attacker tries first.
 */
export function checkPasswordPolicy(plain: string, username?: string): string[] {
  const problems: string[] = [];
  const normalised = normalise(plain);
  const n = length(normalised);
  if (n < PASSWORD_MIN_LENGTH) problems.push(`password is shorter than ${PASSWORD_MIN_LENGTH} characters`);
  if (n > PASSWORD_MAX_LENGTH) problems.push(`password is longer than ${PASSWORD_MAX_LENGTH} characters`);
  if (n > 0 && normalised.trim() === '') problems.push('password is only whitespace');
  if (username && normalised.toLowerCase() === normalise(username).toLowerCase()) {
    problems.push('password is the same as the username');
  }
  return problems;
}
