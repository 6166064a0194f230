import { CounterAdd, CounterState } from '@rampart/graph';
import type { RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

// The package's index declares RateLimiterStoreAbstract's type but does not export the class:
// its own store limiters extend it from lib/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StoreLimiter: typeof RateLimiterStoreAbstract = require('rate-limiter-flexible/lib/RateLimiterStoreAbstract');

/** Where shared counters live (SharedStateRepository: :RateLimit nodes in Neo4j). */
export interface CounterStore {
  addToCounters(adds: CounterAdd[], now: number): Promise<Map<string, CounterState>>;
  counter(key: string, now: number): Promise<CounterState | null>;
  deleteCounter(key: string): Promise<boolean>;
}

export interface Neo4jLimiterOptions {
  points: number;
  /** Seconds of a counting window. */
  duration: number;
  /** Seconds a key stays locked once past `points`. */
  blockDuration?: number;
  keyPrefix: string;
  store: CounterStore;
}

/**
 * A rate-limiter-flexible limiter whose counts live in Neo4j, so every API instance sees the same
 * ones (issue 21). It implements the store half of RateLimiterStoreAbstract (_upsert, _get,
 * _delete); the library does the rest (windows, blocks). When the store fails (Neo4j down), each
 * operation falls back to an in-memory insurance limiter of the same settings: counting goes on
 * per instance rather than stopping sign-in.
 */
export class Neo4jRateLimiter extends StoreLimiter {
  private readonly store: CounterStore;

  constructor(options: Neo4jLimiterOptions) {
    const { store, ...limits } = options;
    super({ ...limits, storeClient: store, insuranceLimiter: new RateLimiterMemory(limits) });
    this.store = store;
  }

  /** Adds points (or, forced, sets them and a new expiry) and answers the counter after it. */
  async _upsert(
    rlKey: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<CounterState> {
    const now = Date.now();
    const expiresAt = msDuration > 0 ? now + msDuration : null;
    const totals = await this.store.addToCounters(
      [{ key: rlKey, points, expiresAt, force: forceExpire }],
      now,
    );
    return totals.get(rlKey)!;
  }

  _get(rlKey: string): Promise<CounterState | null> {
    return this.store.counter(rlKey, Date.now());
  }

  _delete(rlKey: string): Promise<boolean> {
    return this.store.deleteCounter(rlKey);
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, result: CounterState): RateLimiterRes {
    const first = changedPoints === result.points;
    const consumed = first ? changedPoints : result.points;
    const msBeforeNext = result.expiresAt === null ? -1 : Math.max(result.expiresAt - Date.now(), 0);
    return new RateLimiterRes(Math.max(this.points - consumed, 0), msBeforeNext, consumed, first);
  }
}
