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
 * Sign-ins started and not yet finished, by their `state`: in memory, each for `ttlMs` and taken
 * at most once (a replayed callback finds nothing). Bounded: the oldest go first when full, so
 * anonymous calls to the login route cannot grow it without end.
 */
export class OidcLoginStore {
  private readonly pending = new Map<string, PendingLogin & { expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly capacity = 10_000,
  ) {}

  put(state: string, login: PendingLogin, now = Date.now()): void {
    this.sweep(now);
    while (this.pending.size >= this.capacity) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(state, { ...login, expiresAt: now + this.ttlMs });
  }

  /** The sign-in started with this state, removed; undefined when unknown, expired or taken already. */
  take(state: string, now = Date.now()): PendingLogin | undefined {
    const found = this.pending.get(state);
    this.pending.delete(state);
    return found && found.expiresAt > now ? found : undefined;
  }

  get size(): number {
    return this.pending.size;
  }

  private sweep(now: number): void {
    // Insertion order is expiry order (one TTL for all): stop at the first one still alive.
    for (const [state, login] of this.pending) {
      if (login.expiresAt > now) return;
      this.pending.delete(state);
    }
  }
}
