import { randomUUID } from 'node:crypto';
import { isRole, Role } from '@rampart/domain';
import { errors, jwtVerify, SignJWT } from 'jose';

/** HS256 wants a key at least as long as its output (RFC 7518 3.2). */
export const ACCESS_SECRET_MIN_BYTES = 32;
export const DEFAULT_ACCESS_TTL_SECONDS = 900;
export const ACCESS_ISSUER = 'rampart';
export const ACCESS_AUDIENCE = 'rampart-api';

/** Pinned: whatever a token's header says, nothing else is ever tried (no `none`, no HS/RS confusion). */
const ALGORITHM = 'HS256';
/** A real access token is well under 1 KB; anything far larger is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 8192;

export interface AccessTokenOptions {
  /** A string is taken as its UTF-8 bytes. At least 32 bytes either way. */
  secret: Uint8Array | string;
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
  /** The clock, for tests: expiry is checked against it, and iat/exp are computed from it. */
  now?: () => Date;
}

/** What the API puts in a token: enough to authorise without a database read on every request. */
export interface AccessTokenInput {
  sub: string;
  username: string;
  roles: Role[];
  clearance: string;
  personId: string | null;
  /**
   * The sign-in the token belongs to (its refresh-token family): signing out ends the sign-in, and
   * the API refuses every access token of an ended one at once, not when it expires.
   */
  sid: string;
}

export interface AccessClaims extends AccessTokenInput {
  typ: 'access';
  jti: string;
  iss: string;
  aud: string;
  /** Seconds since the epoch. */
  iat: number;
  exp: number;
}

export type TokenErrorReason = 'expired' | 'invalid';

/**
 * The one error verify() throws. Its message never carries the token or any claim value; `detail`
 * names what failed (for server logs), from a fixed vocabulary.
 */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly reason: TokenErrorReason,
    readonly detail: string,
  ) {
    super(reason === 'expired' ? 'access token expired' : 'access token invalid');
  }
}

export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly ttlSeconds: number;
  private readonly now: () => Date;

  constructor(options: AccessTokenOptions) {
    const key =
      typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
    if (!(key instanceof Uint8Array) || key.byteLength < ACCESS_SECRET_MIN_BYTES) {
      throw new Error(`the access-token secret must be at least ${ACCESS_SECRET_MIN_BYTES} bytes`);
    }
    const ttl = options.ttlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('ttlSeconds must be a positive integer');
    // A copy: a caller zeroing or reusing its buffer must not change our key.
    this.key = Uint8Array.from(key);
    this.issuer = options.issuer ?? ACCESS_ISSUER;
    this.audience = options.audience ?? ACCESS_AUDIENCE;
    this.ttlSeconds = ttl;
    this.now = options.now ?? (() => new Date());
  }

  async sign(claims: AccessTokenInput): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.now().getTime() / 1000);
    const token = await new SignJWT({
      typ: 'access',
      username: claims.username,
      roles: [...claims.roles],
      clearance: claims.clearance,
      personId: claims.personId,
      sid: claims.sid,
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid access token, or a TokenError. */
  async verify(token: string): Promise<AccessClaims> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new TokenError('invalid', 'malformed');
    }
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        // One process signs and checks; no skew to allow for.
        clockTolerance: 0,
        currentDate: this.now(),
        requiredClaims: ['sub', 'iat', 'exp', 'jti'],
      }));
    } catch (e) {
      throw toTokenError(e);
    }
    return claimsOf(payload, this.issuer, this.audience);
  }
}

function toTokenError(e: unknown): TokenError {
  // jose checks the signature before any claim: an expired token was genuinely ours.
  if (e instanceof errors.JWTExpired) return new TokenError('expired', 'exp');
  if (e instanceof errors.JWTClaimValidationFailed) return new TokenError('invalid', `claim ${e.claim}`);
  if (e instanceof errors.JOSEAlgNotAllowed) return new TokenError('invalid', 'algorithm');
  if (e instanceof errors.JWSSignatureVerificationFailed) return new TokenError('invalid', 'signature');
  return new TokenError('invalid', 'malformed');
}

/** The signature proves who wrote the token, not that the writer followed our schema: check the shapes. */
function claimsOf(p: Record<string, unknown>, iss: string, aud: string): AccessClaims {
  const fail = (claim: string): never => {
    throw new TokenError('invalid', `claim ${claim}`);
  };
  if (p.typ !== 'access') fail('typ');
  if (typeof p.sub !== 'string' || p.sub === '') fail('sub');
  if (typeof p.jti !== 'string' || p.jti === '') fail('jti');
  if (typeof p.username !== 'string' || p.username === '') fail('username');
  if (!Array.isArray(p.roles) || !p.roles.every(isRole)) fail('roles');
  if (typeof p.clearance !== 'string' || p.clearance === '') fail('clearance');
  if (p.personId !== null && (typeof p.personId !== 'string' || p.personId === '')) fail('personId');
  if (typeof p.sid !== 'string' || p.sid === '') fail('sid');
  if (typeof p.iat !== 'number' || typeof p.exp !== 'number') fail('iat');
  return {
    typ: 'access',
    sub: p.sub as string,
    username: p.username as string,
    roles: [...new Set(p.roles as Role[])],
    clearance: p.clearance as string,
    personId: p.personId as string | null,
    sid: p.sid as string,
    jti: p.jti as string,
    iss,
    aud,
    iat: p.iat as number,
    exp: p.exp as number,
  };
}
