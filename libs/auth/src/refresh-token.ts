import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Refresh tokens are opaque random strings, not JWTs: only the server reads them, and a store
 * lookup is needed anyway to revoke them.
 *
 * The rules the token store must apply (these helpers hold no state):
 * - Store only `hash`, never the token: a copy of the database then yields no usable token. The
 *   lookup is by hash; timing on an index of SHA-256 values tells an attacker nothing useful.
 * - Each token is single-use. On refresh: look the hash up; if it is live and unexpired, mark it
 *   spent, and issue `rotateRefreshToken(family)` with a new access token.
 * - REUSE: a spent token presented again means two parties hold the same chain (one of them stole
 *   it). Revoke the whole family (every token sharing `family`, live or not) and refuse, so both the
 *   thief and the user must sign in again; record it in the audit trail.
 * - Logout revokes the family; disabling a user or changing their password revokes all their families.
 * - A family also has an absolute lifetime from its first sign-in, so rotation cannot extend it forever.
 */
export interface RefreshToken {
  /** Handed to the client once; never stored. */
  token: string;
  /** SHA-256 hex of `token`: what the store keeps and looks up. */
  hash: string;
  /** All tokens descended from one sign-in share it; the unit of revocation. */
  family: string;
}

/** Recognisable in logs and secret scanners; never part of the entropy. */
export const REFRESH_TOKEN_PREFIX = 'rr_';
const TOKEN_BYTES = 32;
/** 32 bytes in base64url without padding. */
const SHAPE = /^rr_[A-Za-z0-9_-]{43}$/;

/** A token for a new sign-in: a new family. */
export function newRefreshToken(): RefreshToken {
  return rotateRefreshToken(randomUUID());
}

/** The successor of a spent token: same family, fresh secret. */
export function rotateRefreshToken(family: string): RefreshToken {
  const token = REFRESH_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: hashRefreshToken(token), family };
}

/**
 * SHA-256 suffices (no salt, no argon2): the token carries 256 random bits, so there is nothing to
 * brute-force, and a fast hash keeps the lookup a plain index read.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A cheap check before touching the store: garbage is refused without a lookup. */
export function looksLikeRefreshToken(token: unknown): token is string {
  return typeof token === 'string' && SHAPE.test(token);
}
