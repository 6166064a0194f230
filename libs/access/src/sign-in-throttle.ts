import { DomainError } from '@rampart/domain';

export interface SignInLimits {
  /** Failures of one username before it is locked. */
  maxFailures: number;
  /** Failures from one address (any usernames) before it is locked. */
  maxFailuresPerAddress: number;
  /** How long a lock lasts; also the window failures are counted in. */
  lockSeconds: number;
}

interface Counter {
  failures: number;
  /** When the counting window (or the lock) ends, ms. */
  until: number;
  locked: boolean;
}

/**
 * Slows password guessing (issue 8): failed sign-ins are counted per username and per client
 * address; past the limit the username (or the address) is locked for a while and every attempt,
 * right or wrong, answers 429. Unknown usernames are counted like known ones, so a lock never
 * tells whether an account exists. In memory, per instance: behind several instances each keeps
 * its own counts (docs/security.md).
 */
export class SignInThrottle {
  private readonly byUser = new Map<string, Counter>();
  private readonly byAddress = new Map<string, Counter>();

  constructor(
    private readonly limits: SignInLimits,
    private readonly warn: (message: string) => void = () => undefined,
    /** Bounds memory against floods of made-up usernames; the oldest entries go first. */
    private readonly maxEntries = 10_000,
  ) {}

  /** Throws RATE_LIMITED while the username or the address is locked. */
  check(username: string, address: string, now = Date.now()): void {
    const user = this.current(this.byUser, key(username), now);
    const from = this.current(this.byAddress, address, now);
    const lock = [user, from].filter((c) => c?.locked).sort((a, b) => b!.until - a!.until)[0];
    if (!lock) return;
    const seconds = Math.ceil((lock.until - now) / 1000);
    throw new DomainError('RATE_LIMITED', `Too many failed sign-ins: try again in ${describe(seconds)}.`, {
      retryAfterSeconds: seconds,
    });
  }

  failed(username: string, address: string, now = Date.now()): void {
    if (this.count(this.byUser, key(username), this.limits.maxFailures, now)) {
      this.warn(
        `Sign-in locked for username ${key(username)} after ${this.limits.maxFailures} failures (last from ${address}).`,
      );
    }
    if (this.count(this.byAddress, address, this.limits.maxFailuresPerAddress, now)) {
      this.warn(`Sign-in locked for address ${address} after ${this.limits.maxFailuresPerAddress} failures.`);
    }
  }

  /** A right password ends the username's count (not the address's: one success hides no guessing). */
  succeeded(username: string): void {
    this.byUser.delete(key(username));
  }

  /** Counts a failure; true when it just locked. */
  private count(map: Map<string, Counter>, k: string, max: number, now: number): boolean {
    const windowMs = this.limits.lockSeconds * 1000;
    const c = this.current(map, k, now) ?? { failures: 0, until: now + windowMs, locked: false };
    c.failures++;
    map.delete(k); // re-inserted last: Map order is the eviction order
    map.set(k, c);
    if (map.size > this.maxEntries) map.delete(map.keys().next().value!);
    if (c.locked || c.failures < max) return false;
    c.locked = true;
    c.until = now + windowMs;
    return true;
  }

  private current(map: Map<string, Counter>, k: string, now: number): Counter | undefined {
    const c = map.get(k);
    if (c && c.until <= now) {
      map.delete(k);
      return undefined;
    }
    return c;
  }
}

const key = (username: string) => username.trim().toLowerCase();

function describe(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}
