import { SharedStateRepository } from '@rampart/graph';
import { createHash, timingSafeEqual } from 'node:crypto';

/** What a sign-in started at the provider needs when the browser comes back. */
export interface PendingLogin {
  nonce: string;
  codeVerifier: string;
  /** SHA-256 of the random value in the browser's cookie: the callback must come from the same browser. */
  bindingHash: Buffer;
}

export const sha256 = (value: string): Buffer => createHash('sha256').update(value).digest();

/** True when `binding` (the cookie) is the one the sign-in was started with. */
export function sameBinding(pending: PendingLogin, binding: string | undefined): boolean {
  return binding !== undefined && timingSafeEqual(pending.bindingHash, sha256(binding));
}

/**
 * Sign-ins started and not yet finished, by their `state`: in Neo4j (:OidcLogin), so the browser
 * may come back to any API instance (issue 21); each for `ttlMs` and taken at most once, on any
 * instance (a replayed callback finds it used). Bounded: beyond `capacity` pending ones the oldest
 * go first, so anonymous calls to the login route cannot grow them without end; expired ones are
 * swept by SharedStateJanitor.
 */
export class OidcLoginStore {
  constructor(
    private readonly repository: Pick<SharedStateRepository, 'putOidcLogin' | 'takeOidcLogin'>,
    private readonly ttlMs: number,
    private readonly capacity = 10_000,
  ) {}

  async put(state: string, login: PendingLogin, now = Date.now()): Promise<void> {
    await this.repository.putOidcLogin(
      {
        state,
        nonce: login.nonce,
        codeVerifier: login.codeVerifier,
        bindingHash: login.bindingHash.toString('hex'),
        expiresAt: now + this.ttlMs,
      },
      this.capacity,
    );
  }

  /** The sign-in started with this state, taken; undefined when unknown, expired or taken already. */
  async take(state: string, now = Date.now()): Promise<PendingLogin | undefined> {
    const found = await this.repository.takeOidcLogin(state, now);
    if (!found) return undefined;
    return {
      nonce: found.nonce,
      codeVerifier: found.codeVerifier,
      bindingHash: Buffer.from(found.bindingHash, 'hex'),
    };
  }
}
