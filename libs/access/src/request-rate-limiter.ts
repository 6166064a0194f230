import { CounterStore } from './neo4j-rate-limiter';

export interface RateDecision {
  allowed: boolean;
  /** Milliseconds until the window ends (a refused client may retry then). */
  msLeft: number;
  /** The first refusal of this address in this window on this instance (log it once). */
  firstRefusal: boolean;
}

export interface RequestRateLimiterOptions {
  /** Length of a counting window; windows are aligned to the clock, so every instance agrees. */
  windowMs?: number;
  /** How long counts wait before they are added to Neo4j in one transaction. */
  flushMs?: number;
  warn?: (message: string) => void;
}

/** One address's count in one window, as this instance knows it. */
interface Tally {
  address: string;
  window: number;
  /** The total across every instance at this instance's last flush (its own points included). */
  shared: number;
  /** Accepted here since, not yet sent. */
  local: number;
  /** Being sent now. */
  sending: number;
  warned: boolean;
}

/**
 * Requests per client address per window, counted across every API instance (issue 21) without a
 * Neo4j round trip on the request: each request is decided at once from the last known shared
 * total plus what this instance accepted since, and the counts this instance accepted are added
 * to Neo4j (:RateLimit, one node per address and window) every `flushMs`, in one transaction,
 * which answers the new totals. A write per request would cost every request a transaction
 * (about 17 ms at p50 and 36 ms at p95 on the local launcher; docs/security.md). So the limit
 * holds across instances to within what a client gets through on each other instance in one flush
 * interval. While Neo4j cannot be reached, the counts stay here: each instance limits on its own.
 * Refused requests are not counted (a flood costs Neo4j nothing).
 */
export class RequestRateLimiter {
  private readonly tallies = new Map<string, Tally>();
  private readonly windowMs: number;
  private readonly flushMs: number;
  private readonly warn: (message: string) => void;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private storeDown = false;
  private stopped = false;

  constructor(
    readonly perWindow: number,
    private readonly store: Pick<CounterStore, 'addToCounters'>,
    options: RequestRateLimiterOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.flushMs = options.flushMs ?? 250;
    this.warn = options.warn ?? (() => undefined);
  }

  get enabled(): boolean {
    return this.perWindow > 0;
  }

  /** Counts one request of `address` and says whether it may go on. */
  hit(address: string, now = Date.now()): RateDecision {
    const window = Math.floor(now / this.windowMs);
    const msLeft = (window + 1) * this.windowMs - now;
    if (!this.enabled) return { allowed: true, msLeft, firstRefusal: false };
    const id = `${window} ${address}`;
    let t = this.tallies.get(id);
    if (!t) {
      t = { address, window, shared: 0, local: 0, sending: 0, warned: false };
      this.tallies.set(id, t);
    }
    if (t.shared + t.local + t.sending >= this.perWindow) {
      const firstRefusal = !t.warned;
      t.warned = true;
      return { allowed: false, msLeft, firstRefusal };
    }
    t.local++;
    this.schedule();
    return { allowed: true, msLeft, firstRefusal: false };
  }

  /**
   * Sends the counts accepted here to Neo4j and learns the totals (the timer calls it; tests too).
   * One flush at a time: a caller arriving during one waits for it, then sends what is left.
   */
  async flush(now?: number): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.send(now ?? Date.now()).finally(() => {
      this.flushing = undefined;
      if ([...this.tallies.values()].some((t) => t.local > 0)) this.schedule();
    });
    return this.flushing;
  }

  /** Nest calls it when the app closes. */
  onApplicationShutdown(): void {
    this.stop();
  }

  /** Stops the timer; counts not yet sent are dropped. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  private async send(now: number): Promise<void> {
    const current = Math.floor(now / this.windowMs);
    // A window that ended needs no more counting, here or in Neo4j.
    for (const [id, t] of this.tallies) if (t.window < current) this.tallies.delete(id);
    const batch = [...this.tallies.values()].filter((t) => t.local > 0);
    if (!batch.length) return;
    for (const t of batch) [t.sending, t.local] = [t.local, 0];
    const keyOf = (t: Tally) => `request:${t.address}:${t.window}`;
    try {
      const totals = await this.store.addToCounters(
        batch.map((t) => ({ key: keyOf(t), points: t.sending, expiresAt: (t.window + 1) * this.windowMs })),
        now,
      );
      for (const t of batch) t.shared = totals.get(keyOf(t))?.points ?? t.shared + t.sending;
      if (this.storeDown) this.warn('Request counts reach Neo4j again: the rate limit is shared again.');
      this.storeDown = false;
    } catch (e) {
      for (const t of batch) t.local += t.sending;
      if (!this.storeDown) {
        this.warn(
          `Request counts cannot reach Neo4j (${(e as Error).message}): each instance limits on its own until it answers.`,
        );
      }
      this.storeDown = true;
    } finally {
      for (const t of batch) t.sending = 0;
    }
  }
}
