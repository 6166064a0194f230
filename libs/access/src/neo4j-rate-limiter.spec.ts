import { CounterAdd, CounterState } from '@rampart/graph';
import { DomainError } from '@rampart/domain';
import { CounterStore, Neo4jRateLimiter } from './neo4j-rate-limiter';
import { SignInThrottle } from './sign-in-throttle';

/** What shared-state/rate-limit-*.cypher do, in memory: one store stands for the one Neo4j. */
class FakeStore implements CounterStore {
  readonly rows = new Map<string, CounterState>();
  down = false;

  async addToCounters(adds: CounterAdd[], now: number): Promise<Map<string, CounterState>> {
    this.check();
    const out = new Map<string, CounterState>();
    for (const a of adds) {
      const c = this.rows.get(a.key);
      const fresh = a.force || !c || (c.expiresAt !== null && c.expiresAt <= now);
      const next = fresh
        ? { points: a.points, expiresAt: a.expiresAt }
        : { ...c, points: c.points + a.points };
      this.rows.set(a.key, next);
      out.set(a.key, next);
    }
    return out;
  }

  async counter(key: string, now: number): Promise<CounterState | null> {
    this.check();
    const c = this.rows.get(key);
    return c && (c.expiresAt === null || c.expiresAt > now) ? c : null;
  }

  async deleteCounter(key: string): Promise<boolean> {
    this.check();
    return this.rows.delete(key);
  }

  private check(): void {
    if (this.down) throw new DomainError('DATABASE_UNAVAILABLE', 'Neo4j cannot be reached.');
  }
}

const LIMITS = { maxFailures: 3, maxFailuresPerAddress: 5, lockSeconds: 600 };
const T0 = 1_000_000;
beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

const codeOf = (p: Promise<void>) =>
  p.then(
    () => 'open',
    (e: DomainError) => e.code,
  );

describe('Neo4jRateLimiter', () => {
  it('counts in the store: a window, then a lock of blockDuration from the failure that locked', async () => {
    const store = new FakeStore();
    const limiter = new Neo4jRateLimiter({
      points: 1,
      duration: 60,
      blockDuration: 600,
      keyPrefix: 'p',
      store,
    });
    await limiter.consume('k');
    expect(store.rows.get('p:k')).toEqual({ points: 1, expiresAt: T0 + 60_000 });
    await expect(limiter.consume('k')).rejects.toMatchObject({ consumedPoints: 2 });
    // Locked: blockDuration from now, stored where every instance reads it.
    expect(store.rows.get('p:k')).toEqual({ points: 2, expiresAt: T0 + 600_000 });
    expect(await limiter.get('k')).toMatchObject({ consumedPoints: 2, msBeforeNext: 600_000 });
    expect(await limiter.delete('k')).toBe(true);
    expect(await limiter.get('k')).toBeNull();
  });
});

describe('SignInThrottle on a shared store (two API instances)', () => {
  it('a username locked through one instance is locked on the other, and a success on either ends its count', async () => {
    const store = new FakeStore();
    const a = new SignInThrottle(LIMITS, () => undefined, store);
    const b = new SignInThrottle(LIMITS, () => undefined, store);
    await a.failed('ana', '10.0.0.1');
    await b.failed('ana', '10.0.0.2');
    expect(await codeOf(a.check('ana', '10.0.0.3'))).toBe('open');
    await a.failed('ana', '10.0.0.3'); // the third, counted across both
    expect(await codeOf(b.check('ana', '10.0.0.4'))).toBe('RATE_LIMITED');
    expect(await codeOf(a.check('ana', '10.0.0.4'))).toBe('RATE_LIMITED');
    expect(await codeOf(b.check('bob', '10.0.0.4'))).toBe('open');

    await b.failed('bob', '10.0.0.5');
    await a.failed('bob', '10.0.0.5');
    await b.succeeded('bob');
    await a.failed('bob', '10.0.0.5');
    expect(await codeOf(a.check('bob', '10.0.0.6'))).toBe('open');
  });

  it('an address locked through one instance is locked on the other', async () => {
    const store = new FakeStore();
    const a = new SignInThrottle(LIMITS, () => undefined, store);
    const b = new SignInThrottle(LIMITS, () => undefined, store);
    for (let i = 0; i < 5; i++) await (i % 2 ? a : b).failed(`guess-${i}`, '10.9.9.9');
    expect(await codeOf(a.check('anyone', '10.9.9.9'))).toBe('RATE_LIMITED');
    expect(await codeOf(b.check('anyone', '10.9.9.9'))).toBe('RATE_LIMITED');
  });

  it('keeps counting in memory while the store is down (per instance), so sign-in does not stop', async () => {
    const store = new FakeStore();
    const a = new SignInThrottle(LIMITS, () => undefined, store);
    store.down = true;
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(a.check('ana', '10.0.0.1'))).toBe('open');
      await a.failed('ana', '10.0.0.1');
    }
    expect(await codeOf(a.check('ana', '10.0.0.1'))).toBe('RATE_LIMITED');
    expect(await codeOf(a.check('bob', '10.0.0.1'))).toBe('open');
    await a.succeeded('bob');
  });
});
