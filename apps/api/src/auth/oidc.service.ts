import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthConfig, OidcConfig } from '@rampart/config';
import { DomainError, StoredUser } from '@rampart/domain';
import { SharedStateRepository, UserRepository } from '@rampart/graph';
import { randomUUID } from 'node:crypto';
import { BaseClient, Issuer, custom, generators } from 'openid-client';
import { AUTH_CONFIG } from '@rampart/access';
import { AuthService, SignInClient } from '@rampart/access';
import { MappedIdentity, isClaimProblem, mapClaims } from './oidc-claims';
import { OidcLoginStore, sameBinding, sha256 } from './oidc-login-store';

/** How long a browser may take at the provider before coming back. */
export const OIDC_LOGIN_TTL_MS = 10 * 60 * 1000;
export const OIDC_NOT_CONFIGURED = 'OpenID Connect sign-in is not configured';
const CALLBACK = 'GET /api/auth/oidc/callback';
const VIA = 'OpenID Connect';

/** The parameters the provider sends back to the callback (RFC 6749 4.1.2, RFC 9207 iss). */
export interface CallbackQuery {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
  error_description?: string;
}

/** A refused sign-in: `message` is shown to the person (short, no secrets), `who` audited. */
class Refusal extends Error {
  constructor(
    message: string,
    readonly who: string | null = null,
    readonly reason = message,
  ) {
    super(message);
  }
}

/**
 * OpenID Connect sign-in (authorization code flow, PKCE S256, state, nonce) with openid-client,
 * which verifies the ID token (signature against the provider's JWKS, iss, aud, nonce, expiry).
 * Claims become a Rampart account (found or created, roles and clearance updated on every
 * sign-in), which then gets the same token pair as a password sign-in.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('Auth');
  private readonly config?: OidcConfig;
  private readonly logins: OidcLoginStore;
  private client?: Promise<BaseClient>;

  constructor(
    @Inject(AUTH_CONFIG) authConfig: AuthConfig,
    private readonly auth: AuthService,
    private readonly users: UserRepository,
    sharedState: SharedStateRepository,
  ) {
    this.config = authConfig.oidc;
    // In Neo4j: the browser may come back to another instance than the one it left from.
    this.logins = new OidcLoginStore(sharedState, OIDC_LOGIN_TTL_MS);
  }

  get enabled(): boolean {
    return this.config !== undefined;
  }

  /** Whether a cookie for the callback must be Secure (the provider calls back over https). */
  get secureCallback(): boolean {
    return this.required().redirectUri.startsWith('https://');
  }

  /**
   * Starts a sign-in: the provider's authorization URL, and `binding`, a random value for an
   * HttpOnly cookie that ties the callback to this browser (no login CSRF with a stolen callback
   * URL). Without a reachable provider: the web UI's address with the reason, and no binding.
   */
  async begin(now = Date.now()): Promise<{ url: string; binding?: string }> {
    const config = this.required();
    let client: BaseClient;
    try {
      client = await this.clientOf(config);
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return { url: `/#oidc-error=${encodeURIComponent(e.message)}` };
    }
    const state = generators.state();
    const nonce = generators.nonce();
    const codeVerifier = generators.codeVerifier();
    const binding = generators.random();
    await this.logins.put(state, { nonce, codeVerifier, bindingHash: sha256(binding) }, now);
    const url = client.authorizationUrl({
      scope: config.scopes.join(' '),
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, binding };
  }

  /**
   * Finishes a sign-in from the provider's answer. Resolves to the web UI's address: with the
   * refresh token in the fragment (`/#oidc=...`, never sent to a server) or a short reason
   * (`/#oidc-error=...`). Every outcome is in the audit trail.
   */
  async finish(query: CallbackQuery, binding: string | undefined, client: SignInClient): Promise<string> {
    const config = this.required();
    const ctx = { ...client, operation: CALLBACK, via: VIA };
    try {
      const identity = await this.verify(config, query, binding);
      const user = await this.link(identity);
      const pair = await this.auth.signInExternal(user, ctx);
      return `/#oidc=${encodeURIComponent(pair.refreshToken)}`;
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      await this.auth.refuseExternal(e.who, e.reason, ctx);
      return `/#oidc-error=${encodeURIComponent(e.message)}`;
    }
  }

  private async verify(
    config: OidcConfig,
    query: CallbackQuery,
    binding: string | undefined,
  ): Promise<MappedIdentity> {
    const pending = query.state ? await this.logins.take(query.state) : undefined;
    if (query.error) {
      // The provider's own words stay in the log; the person sees its error code.
      const code = /^[\w.-]{1,64}$/.test(query.error) ? query.error : 'error';
      throw new Refusal(
        `The identity provider refused the sign-in (${code}).`,
        null,
        `provider answered ${code}: ${String(query.error_description ?? '').slice(0, 200)}`,
      );
    }
    if (!pending) throw new Refusal('This sign-in expired or was already used: sign in again.');
    if (!sameBinding(pending, binding)) {
      throw new Refusal(
        'This sign-in was started in another browser: sign in again.',
        null,
        'the callback came without the cookie of the browser that started it',
      );
    }
    let claims: Record<string, unknown>;
    try {
      const client = await this.clientOf(config);
      const tokens = await client.callback(
        config.redirectUri,
        { code: query.code, state: query.state, iss: query.iss },
        {
          state: query.state,
          nonce: pending.nonce,
          code_verifier: pending.codeVerifier,
          response_type: 'code',
        },
      );
      claims = tokens.claims();
    } catch (e) {
      // Only the message: openid-client's errors carry the token itself (RPError.jwt).
      throw new Refusal(
        'The answer of the identity provider could not be verified: sign in again.',
        null,
        `ID token or code refused: ${(e as Error).message}`,
      );
    }
    const mapped = mapClaims(claims, config);
    if (isClaimProblem(mapped))
      throw new Refusal(`Cannot sign in: ${mapped.problem}.`, mapped.username, mapped.problem);
    return mapped;
  }

  /**
   * The account of this identity: created on its first sign-in, else the one linked to the same
   * issuer and subject. A local (password) account of the same name is never taken over.
   */
  private async link(identity: MappedIdentity, now = new Date()): Promise<StoredUser> {
    const { username, externalId, roles, clearance } = identity;
    const at = now.toISOString();
    const existing = await this.users.byUsername(username);
    if (!existing) {
      try {
        return await this.users.create({
          id: randomUUID(),
          username,
          passwordHash: '',
          roles,
          clearance,
          personId: null,
          // An administrator limits an OIDC account to organisations as any other (updateUser).
          organizationIds: null,
          disabled: false,
          createdAt: at,
          updatedAt: at,
          source: 'oidc',
          externalId,
        });
      } catch (e) {
        // The same person signing in twice at once: the other sign-in created it.
        const again = await this.users.byUsername(username);
        if (!again) throw e;
        return this.link(identity, now);
      }
    }
    const refuse = (why: string) => new Refusal(`Cannot sign in: ${why}.`, username, why);
    if (existing.source !== 'oidc') throw refuse(`${username} is a local account (signs in with a password)`);
    if (existing.externalId !== externalId) {
      throw refuse(`${username} is linked to another identity at the identity provider`);
    }
    if (existing.disabled) throw refuse(`the account ${username} is disabled in Rampart`);
    const updated = await this.users.update(existing.id, { roles, clearance }, at);
    if (!updated) throw refuse(`the account ${username} was removed meanwhile`);
    return updated;
  }

  private required(): OidcConfig {
    if (!this.config) throw new DomainError('NOT_FOUND', OIDC_NOT_CONFIGURED);
    return this.config;
  }

  /** The provider's metadata and keys, discovered once (again after a failure). */
  private clientOf(config: OidcConfig): Promise<BaseClient> {
    this.client ??= Issuer.discover(config.issuer).then(
      (issuer) => {
        const client = new issuer.Client({
          client_id: config.clientId,
          client_secret: config.clientSecret,
          redirect_uris: [config.redirectUri],
          response_types: ['code'],
        });
        // Clocks of two servers differ a little; tokens live minutes.
        client[custom.clock_tolerance] = 5;
        return client;
      },
      (e: unknown) => {
        this.client = undefined;
        this.logger.error(`OpenID Connect discovery at ${config.issuer} failed: ${(e as Error).message}`);
        throw new Refusal(
          'The identity provider cannot be reached: try again later.',
          null,
          `discovery failed: ${(e as Error).message}`,
        );
      },
    );
    return this.client;
  }
}
