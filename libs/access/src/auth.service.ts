import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AccessClaims,
  AccessTokens,
  TokenError,
  hashRefreshToken,
  looksLikeRefreshToken,
  newRefreshToken,
  rotateRefreshToken,
  verifyAgainstNothing,
  verifyPassword,
} from '@rampart/auth';
import { AuthConfig } from '@rampart/config';
import { DomainError, StoredUser, USERNAME_PATTERN, User } from '@rampart/domain';
import { RefreshTokenRepository, SeenGraphVersion, UserRepository } from '@rampart/graph';
import { ACCESS_TOKENS, AUTH_CONFIG, SIGN_IN_THROTTLE } from './auth-tokens';
import { SignInThrottle } from './sign-in-throttle';
import { AuditService } from '@rampart/audit';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface SignInClient {
  address?: string;
  requestId?: string;
}

/** One message for every failed sign-in: it never says whether the username exists. */
const WRONG_CREDENTIALS = 'Wrong username or password.';
const SIGNED_OUT = 'This refresh token is no longer valid: sign in again.';

/**
 * Sign-in (issue 8): passwords checked against argon2id hashes, short-lived JWT access tokens,
 * refresh tokens stored hashed and rotated on every use; a spent refresh token presented again
 * revokes its whole family (it was copied: whoever holds the newer one is signed out too).
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    @Inject(ACCESS_TOKENS) private readonly tokens: AccessTokens,
    @Inject(SIGN_IN_THROTTLE) private readonly throttle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {}

  /** `client`: the caller's address (per-address failure count) and request id (audit trail). */
  async login(
    username: unknown,
    password: unknown,
    client: SignInClient = {},
    now = new Date(),
  ): Promise<TokenPair> {
    if (typeof username !== 'string' || typeof password !== 'string' || !username || !password) {
      throw new DomainError('VALIDATION_FAILED', 'Send {"username": "...", "password": "..."} as JSON.');
    }
    const address = client.address ?? 'unknown';
    // A password typed into the username field must not reach the logs: odd names are not shown.
    const who = USERNAME_PATTERN.test(username) ? username : '(not a valid username)';
    const audit = (outcome: 'success' | 'failure', detail: string) =>
      this.recordSignIn(who, outcome, { ...client, operation: 'POST /api/auth/login' }, detail);
    // A locked username or address is refused before any hashing: guessing costs the guesser time.
    try {
      await this.throttle.check(username, address);
    } catch (e) {
      await audit('failure', 'refused: too many failed sign-ins');
      throw e;
    }
    const user = await this.users.byUsername(username);
    // Unknown users cost a hash too, so the answer time does not tell which usernames exist;
    // OpenID Connect accounts have no password here (one set by mistake is never checked).
    const ok =
      user && user.source !== 'oidc'
        ? await verifyPassword(user.passwordHash, password)
        : await verifyAgainstNothing(password);
    if (!user || !ok || user.disabled) {
      await this.throttle.failed(username, address);
      this.logger.warn(`Failed sign-in for ${who} from ${address}.`);
      await audit('failure', 'wrong username or password');
      throw new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(username);
    this.logger.log(`Signed in: ${user.username} from ${address}.`);
    await audit('success', 'signed in');
    return this.issue(user, newRefreshToken(), now);
  }

  /**
   * Signs in an account whose identity another party vouched for (OpenID Connect): recorded in the
   * audit trail like a password sign-in, then the same token pair. The caller checked the account.
   */
  async signInExternal(
    user: StoredUser,
    client: SignInClient & { operation: string; via: string },
    now = new Date(),
  ): Promise<TokenPair> {
    const address = client.address ?? 'unknown';
    this.logger.log(`Signed in: ${user.username} through ${client.via} from ${address}.`);
    await this.recordSignIn(user.username, 'success', client, `signed in through ${client.via}`);
    return this.issue(user, newRefreshToken(), now);
  }

  /** Records a refused external sign-in (who: the username when known) and logs why. */
  async refuseExternal(
    who: string | null,
    reason: string,
    client: SignInClient & { operation: string; via: string },
  ): Promise<void> {
    const actor = who === null ? '(unknown)' : USERNAME_PATTERN.test(who) ? who : '(not a valid username)';
    this.logger.warn(
      `Refused sign-in through ${client.via} for ${actor} from ${client.address ?? 'unknown'}: ${reason}`,
    );
    await this.recordSignIn(actor, 'failure', client, `refused: ${reason}`);
  }

  private recordSignIn(
    actor: string,
    outcome: 'success' | 'failure',
    client: SignInClient & { operation: string },
    detail: string,
  ): Promise<void> {
    return this.audit.recordQuietly({
      actor,
      action: 'sign-in',
      operation: client.operation,
      outcome,
      requestId: client.requestId ?? null,
      target: null,
      counts: null,
      graphHashBefore: null,
      graphHashAfter: null,
      detail: `${detail} from ${client.address ?? 'unknown'}`,
    });
  }

  async refresh(refreshToken: unknown, now = new Date()): Promise<TokenPair> {
    if (!looksLikeRefreshToken(refreshToken)) throw new DomainError('UNAUTHENTICATED', SIGNED_OUT);
    const at = now.toISOString();
    const spent = await this.refreshTokens.spend(hashRefreshToken(refreshToken), at);
    if (spent.outcome === 'reused') {
      await this.refreshTokens.revokeFamily(spent.token.family, at);
      throw new DomainError(
        'UNAUTHENTICATED',
        'This refresh token was already used: every session started from the same sign-in is now signed out. Sign in again.',
      );
    }
    if (spent.outcome !== 'spent') throw new DomainError('UNAUTHENTICATED', SIGNED_OUT);
    const user = await this.users.byId(spent.token.userId);
    if (!user || user.disabled) {
      await this.refreshTokens.revokeFamily(spent.token.family, at);
      throw new DomainError('UNAUTHENTICATED', SIGNED_OUT);
    }
    // The successor keeps the family's end: rotation never extends a sign-in.
    return this.issue(user, rotateRefreshToken(spent.token.family), now, spent.token.expiresAt);
  }

  /**
   * Ends the sign-in the refresh token belongs to (its whole family), and the one the bearer
   * access token names if one comes along: every access token of an ended sign-in is refused from
   * then on, on every instance (authenticate). Unknown or invalid tokens: nothing to do.
   */
  async logout(refreshToken: unknown, authorization?: string, now = new Date()): Promise<void> {
    const at = now.toISOString();
    if (looksLikeRefreshToken(refreshToken)) {
      const spent = await this.refreshTokens.spend(hashRefreshToken(refreshToken), at);
      if (spent.token) await this.refreshTokens.revokeFamily(spent.token.family, at);
    }
    if (authorization) {
      const claims = await this.verify(authorization).catch(() => null);
      if (claims) await this.refreshTokens.revokeFamily(claims.sid, at);
    }
  }

  /** The claims of a bearer token, or UNAUTHENTICATED saying why (expired or invalid). */
  async verify(authorization: string | undefined): Promise<AccessClaims> {
    const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? '');
    if (!match) {
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <access token>".');
    }
    try {
      return await this.tokens.verify(match[1]);
    } catch (e) {
      if (e instanceof TokenError && e.reason === 'expired') {
        throw new DomainError('UNAUTHENTICATED', 'The access token expired: refresh it or sign in again.');
      }
      throw new DomainError('UNAUTHENTICATED', 'The access token is not valid: sign in again.');
    }
  }

  /**
   * The account a bearer token stands for, as stored now: roles and clearance changed, an account
   * disabled or a sign-in ended since the token was issued take effect at once, not when it expires.
   */
  async authenticate(authorization: string | undefined): Promise<User> {
    return (await this.session(authorization)).user;
  }

  /** authenticate, with the graph version read in the same round trip (for the request's answers). */
  async session(authorization: string | undefined): Promise<{ user: User; graphVersion: SeenGraphVersion }> {
    const claims = await this.verify(authorization);
    const { user, signedOut, graphVersion } = await this.users.sessionCheck(claims.sub, claims.sid);
    // A disabled account ends its sign-ins too: say the cause, not the consequence.
    if (!user || user.disabled) {
      throw new DomainError('UNAUTHENTICATED', 'This account is disabled or no longer exists: ask an admin.');
    }
    if (signedOut) {
      throw new DomainError('UNAUTHENTICATED', 'This sign-in has ended (signed out): sign in again.');
    }
    const { passwordHash: _hash, source: _source, externalId: _externalId, ...account } = user;
    return { user: account, graphVersion };
  }

  private async issue(
    user: StoredUser,
    refresh: ReturnType<typeof newRefreshToken>,
    now: Date,
    familyEnds = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000).toISOString(),
  ): Promise<TokenPair> {
    const access = await this.tokens.sign({
      sub: user.id,
      username: user.username,
      roles: user.roles,
      clearance: user.clearance,
      personId: user.personId,
      sid: refresh.family,
    });
    await this.refreshTokens.create({
      hash: refresh.hash,
      family: refresh.family,
      userId: user.id,
      issuedAt: now.toISOString(),
      expiresAt: familyEnds,
    });
    return {
      accessToken: access.token,
      refreshToken: refresh.token,
      expiresIn: access.expiresIn,
      tokenType: 'Bearer',
    };
  }
}
