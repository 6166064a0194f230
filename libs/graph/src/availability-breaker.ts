import { DomainError } from '@rampart/domain';
import { isNeo4jUnreachable } from './neo4j-errors';

export interface AvailabilityBreakerOptions {
  /** Asks Neo4j once, without retries; rejects when it does not answer. */
  probe: () => Promise<void>;
  /** While Neo4j is down, it is asked again this often (and each probe may take this long). */
  recheckMs: number;
  now?: () => number;
  log?: (message: string) => void;
}

/** Why and since when Neo4j counts as unreachable. */
export interface Unavailability {
  since: Date;
  cause: string;
}

/**
 * Fails fast while Neo4j is known to be unreachable (issue 19). A query that finds it unreachable
 * (after the driver's own bounded retries) opens the breaker: from then on every query fails at
 * once with DATABASE_UNAVAILABLE, reads already waiting on the driver are answered too, and Neo4j
 * is probed every `recheckMs` in the background, so no request waits for a probe. The first probe
 * (or query) that succeeds closes it again: recovery needs no restart. Busy or slow is not down:
 * only unreachability codes open it.
 */
export class AvailabilityBreaker {
  private down: { since: number; cause: string } | null = null;
  private readonly waiting = new Set<(e: DomainError) => void>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly options: AvailabilityBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get unavailable(): Unavailability | null {
    return this.down ? { since: new Date(this.down.since), cause: this.down.cause } : null;
  }

  /** Throws DATABASE_UNAVAILABLE at once while the breaker is open. */
  check(query: string): void {
    if (this.down) throw this.error(query);
  }

  /** Every failed query reports here; only unreachability opens the breaker. */
  failed(e: unknown): void {
    if (this.stopped || this.down || !isNeo4jUnreachable(e)) return;
    const cause = (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
    this.down = { since: this.now(), cause };
    this.options.log?.(`Neo4j is unreachable (${cause}): answering 503 at once until it answers again.`);
    const error = this.error('(in flight)');
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
    this.schedule(0);
  }

  /** A query or probe got an answer: Neo4j is back. */
  succeeded(): void {
    if (!this.down) return;
    const seconds = ((this.now() - this.down.since) / 1000).toFixed(1);
    this.down = null;
    clearTimeout(this.timer);
    this.options.log?.(`Neo4j answers again after ${seconds} s.`);
  }

  /** `work`, or DATABASE_UNAVAILABLE as soon as the breaker opens: for work that may be abandoned (reads). */
  race<T>(work: Promise<T>, query: string): Promise<T> {
    if (this.down) return Promise.reject(this.error(query));
    return new Promise<T>((resolve, reject) => {
      const onOpen = (e: DomainError) => reject(e);
      this.waiting.add(onOpen);
      work.then(resolve, reject).finally(() => this.waiting.delete(onOpen));
    });
  }

  /** No more probes (the driver is closing). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.waiting.clear();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probeOnce(), delayMs);
    // A probe never keeps a process (the CLI, a test) alive on its own.
    this.timer.unref();
  }

  private async probeOnce(): Promise<void> {
    const { recheckMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${recheckMs} ms`)), recheckMs);
    });
    try {
      await Promise.race([this.options.probe(), late]);
      this.succeeded();
    } catch {
      if (this.down) this.schedule(recheckMs);
    } finally {
      clearTimeout(timer);
    }
  }

  private error(query: string): DomainError {
    const retryAfterSeconds = Math.max(1, Math.ceil(this.options.recheckMs / 1000));
    return new DomainError(
      'DATABASE_UNAVAILABLE',
      'The graph database is not reachable right now; Rampart keeps asking and answers again as soon as it is back.',
      { query, retryAfterSeconds },
    );
  }
}
