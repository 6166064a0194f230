import { DomainError } from '@rampart/domain';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { CounterStore, Neo4jRateLimiter } from './neo4j-rate-limiter';

export interface SignInLimits {
  /** Failures of one username before it is locked. */
  maxFailures: number;
  /** Failures from one address (any usernames) before it is locked. */
  maxFailuresPerAddress: number;
  /** How long a lock lasts; also the window failures are counted in. */
  lockSeconds: number;
}

/**
 * Slows password guessing (issue 8): failed sign-ins are counted per username and per client
 * address; past the limit the username (or the address) is locked for a while and every attempt,
 * right or wrong, answers 429. Unknown usernames are counted like known ones, so a lock never
 * tells whether an account exists. Counted by rate-limiter-flexible: a window of lockSeconds from
 * the first failure, and the lock, lockSeconds from the failure that locked, each forgotten when
 * it ends. With a store the counts live in Neo4j, shared by every API instance (issue 21), with an
 * in-memory insurance limiter while Neo4j cannot be reached; without one (unit tests), in memory.
 */
export class SignInThrottle {
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(
    private readonly limits: SignInLimits,
    private readonly warn: (message: string) => void = () => undefined,
    store?: CounterStore,
  ) {
    // The failure that goes past `points` locks: the max-th.
    const counter = (max: number, keyPrefix: string) => {
      const options = {
        points: max - 1,
        duration: limits.lockSeconds,
        blockDuration: limits.lockSeconds,
        keyPrefix,
      };
      return store ? new Neo4jRateLimiter({ ...options, store }) : new RateLimiterMemory(options);
    };
    this.byUser = counter(limits.maxFailures, 'signin-user');
    this.byAddress = counter(limits.maxFailuresPerAddress, 'signin-address');
  }

  /** Rejects with RATE_LIMITED while the username or the address is locked. */
  async check(username: string, address: string): Promise<void> {
    // Two reads of Neo4j, side by side.
    const locks = await Promise.all([
      this.lock(this.byUser, key(username)),
      this.lock(this.byAddress, address),
    ]);
    const ms = Math.max(...locks);
    if (ms <= 0) return;
    const seconds = Math.ceil(ms / 1000);
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins: try again in ${describe(seconds)}.`, {
      retryAfterSeconds: seconds,
    });
  }

  async failed(username: string, address: string): Promise<void> {
    if (await this.count(this.byUser, key(username))) {
      this.warn(
        `Sign-in locked for username ${key(username)} after ${this.limits.maxFailures} failures (last from ${address}).`,
      );
    }
    if (await this.count(this.byAddress, address)) {
      this.warn(`Sign-in locked for address ${address} after ${this.limits.maxFailuresPerAddress} failures.`);
    }
  }

  /** A right password ends the username's count (not the address's: one success hides no guessing). */
  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(key(username));
  }

  /** Milliseconds the key stays locked; 0 when it is not. */
  private async lock(limiter: RateLimiterAbstract, k: string): Promise<number> {
    const r = await limiter.get(k);
    return r && r.consumedPoints > limiter.points ? Math.max(0, r.msBeforeNext) : 0;
  }

  /** Counts a failure; true when it just locked. */
  private async count(limiter: RateLimiterAbstract, k: string): Promise<boolean> {
    try {
      await limiter.consume(k);
      return false;
    } catch (e) {
      if (!(e instanceof RateLimiterRes)) throw e;
      return e.consumedPoints === limiter.points + 1;
    }
  }
}

const key = (username: string) => username.trim().toLowerCase();

function describe(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
