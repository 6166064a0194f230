import { AsyncLocalStorage } from 'node:async_hooks';
import { Driver, ManagedTransaction, RecordShape, Result, session } from 'neo4j-driver';
import { DomainError } from '@rampart/domain';
import { AvailabilityBreaker, Unavailability } from './availability-breaker';
import { mapNeo4jError } from './neo4j-errors';
import { toNeo4jParams, toPlain } from './neo4j-value.mapper';
import { QueryRegistry } from './query-registry';
import { Q, QueryName } from './query-names';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** A transaction that runs registered queries by name and returns plain rows. */
export interface NamedTx {
  run(name: QueryName, params?: Params): Promise<Row[]>;
}

export interface QueryExecutorOptions {
  /** While Neo4j is unreachable queries fail at once, and it is probed this often (default 1000). */
  downRecheckMs?: number;
  log?: (message: string) => void;
}

/**
 * How long an interrupted write may take to tell whether it committed: its session is reset at
 * once (the server stops the statement and rolls back), so this is only the round trip.
 */
const INTERRUPTED_WRITE_SETTLE_MS = 2000;

const cancellation = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` so that every query it starts stops when `signal` aborts (a client gone, a
 * shutdown, a signal to the CLI): no further statement runs, the running one is reset and its
 * transaction rolled back, and the query fails with an error naming `signal.reason`.
 */
export function runCancellable<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return cancellation.run(signal, work);
}

/**
 * Runs `work` outside any runCancellable: clean-up that must happen after the signal (a staged
 * import dropping what it committed before it was interrupted).
 */
export function runUncancellable<T>(work: () => Promise<T>): Promise<T> {
  return cancellation.exit(work);
}

/** The error of a query stopped by runCancellable's signal. */
export function interruptedError(signal: AbortSignal, query: string): DomainError {
  const reason = typeof signal.reason === 'string' ? signal.reason : 'it was cancelled';
  return new DomainError(
    'DATABASE_UNAVAILABLE',
    `Interrupted (${reason}): its transaction was rolled back.`,
    { query, interrupted: true },
  );
}

/**
 * The one executor for all Neo4j access: named queries, parameters only, a transaction timeout,
 * the database always set, the session closed in `finally`, errors mapped by their code.
 */
export class QueryExecutor {
  private committedWrites = 0;
  private readonly breaker: AvailabilityBreaker;

  constructor(
    private readonly driver: Driver,
    private readonly registry: QueryRegistry,
    private readonly database: string,
    private readonly txTimeoutMs: number,
    options: QueryExecutorOptions = {},
  ) {
    const recheckMs = options.downRecheckMs ?? 1000;
    this.breaker = new AvailabilityBreaker({
      probe: () => this.probe(recheckMs),
      recheckMs,
      log: options.log,
    });
  }

  /** Since when and why Neo4j counts as unreachable; null while it answers. */
  get unavailable(): Unavailability | null {
    return this.breaker.unavailable;
  }

  /** Stops probing an unreachable Neo4j (before the driver closes). */
  close(): void {
    this.breaker.stop();
  }

  /** One auto-commit ping (the driver does not retry those): does Neo4j answer now? */
  async probe(timeoutMs: number): Promise<void> {
    const s = this.driver.session({ database: this.database, defaultAccessMode: session.READ });
    try {
      await s.run(this.registry.get(Q.ping).text, {}, { timeout: timeoutMs, metadata: { query: Q.ping } });
    } finally {
      void s.close().catch(() => undefined);
    }
  }

  /** Write transactions this process has committed: caches of the graph compare it. */
  get writesCommitted(): number {
    return this.committedWrites;
  }

  executeRead(name: QueryName, params: Params = {}): Promise<Row[]> {
    return this.readTransaction((tx) => tx.run(name, params), name);
  }

  executeWrite(name: QueryName, params: Params = {}): Promise<Row[]> {
    return this.writeTransaction((tx) => tx.run(name, params), name);
  }

  readTransaction<T>(work: (tx: NamedTx) => Promise<T>, label = 'read', timeoutMs?: number): Promise<T> {
    return this.execute(session.READ, work, label, timeoutMs);
  }

  /** `timeoutMs` overrides the default for long units of work such as a whole import file. */
  writeTransaction<T>(work: (tx: NamedTx) => Promise<T>, label = 'write', timeoutMs?: number): Promise<T> {
    return this.execute(session.WRITE, work, label, timeoutMs);
  }

  /** Schema commands cannot share a transaction with anything else: each runs on its own. */
  async runSchemaStatement(text: string, name: string): Promise<void> {
    const s = this.driver.session({ database: this.database, defaultAccessMode: session.WRITE });
    try {
      await s.run(text, {}, { timeout: this.txTimeoutMs, metadata: { query: name } });
    } catch (e) {
      throw mapNeo4jError(e, name);
    } finally {
      await s.close();
    }
  }

  private async execute<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: NamedTx) => Promise<T>,
    label: string,
    timeoutMs = this.txTimeoutMs,
  ): Promise<T> {
    const signal = cancellation.getStore();
    if (signal?.aborted) throw interruptedError(signal, label);
    this.breaker.check(label);
    const s = this.driver.session({ database: this.database, defaultAccessMode: mode });
    let current = label;
    let cutShort = false;
    const config = { timeout: timeoutMs, metadata: { app: 'rampart', query: label } };
    // Closing a session that holds a transaction resets its connection: the server stops the
    // running statement and rolls the transaction back.
    const reset = () => void s.close().catch(() => undefined);
    signal?.addEventListener('abort', reset, { once: true });
    try {
      const unit = async (tx: ManagedTransaction) =>
        work({
          run: async (name, params = {}) => {
            if (signal?.aborted) throw interruptedError(signal, name);
            current = name;
            const rows = await plainRows(
              tx.run<RecordShape>(this.registry.get(name).text, toNeo4jParams(params) as Params),
            );
            if (signal?.aborted) throw interruptedError(signal, name);
            return rows;
          },
        });
      const running =
        mode === session.READ
          ? s.executeRead(unit, config)
          : s.executeWrite(unit, config).then((r) => {
              this.committedWrites += 1;
              return r;
            });
      const result = await this.settle(running, mode, label, signal).catch((e: unknown) => {
        cutShort = Boolean(signal?.aborted) || this.breaker.unavailable !== null;
        throw e;
      });
      this.breaker.succeeded();
      return result;
    } catch (e) {
      // The reset of an interrupted query fails it with connection errors: not an unreachable Neo4j.
      if (signal?.aborted) throw interruptedError(signal, current);
      this.breaker.failed(e);
      throw mapNeo4jError(e, current);
    } finally {
      signal?.removeEventListener('abort', reset);
      const closing = s.close().catch(() => undefined);
      // Work given up on may still hold its connection (a reset on a dead socket): do not wait for it.
      if (!cutShort) await closing;
    }
  }

  /**
   * The driver's outcome, or sooner: a read is given up as soon as the breaker opens or the caller
   * cancels; an interrupted write is waited for a moment so that a commit already under way is
   * reported as what it was, not as a failure.
   */
  private settle<T>(
    running: Promise<T>,
    mode: 'READ' | 'WRITE',
    label: string,
    signal?: AbortSignal,
  ): Promise<T> {
    const raced = mode === session.READ ? this.breaker.race(running, label) : running;
    if (!signal) return raced;
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        if (mode === session.READ) return reject(interruptedError(signal, label));
        timer = setTimeout(() => reject(interruptedError(signal, label)), INTERRUPTED_WRITE_SETTLE_MS);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      raced.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      });
    });
  }
}

/**
 * A result's records as plain rows, kept by nobody else: the driver keeps every result of a
 * transaction until it ends, and a result awaited as a promise keeps its records with it, so a
 * large transaction (a streamed import reads and writes millions of rows) held them all. Streamed
 * to an observer that lets go of them (and of the promise) once done, they are the caller's alone.
 */
function plainRows(result: Result<RecordShape>): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    let rows: Row[] | undefined = [];
    let settle: { resolve: (rows: Row[]) => void; reject: (e: unknown) => void } | undefined = {
      resolve,
      reject,
    };
    result.subscribe({
      onNext: (r) => rows?.push(toPlain(r.toObject()) as Row),
      onCompleted: () => {
        const [done, out] = [settle, rows ?? []];
        [settle, rows] = [undefined, undefined];
        done?.resolve(out);
      },
      onError: (e) => {
        const done = settle;
        [settle, rows] = [undefined, undefined];
        done?.reject(e);
      },
    });
  });
}
