import { randomUUID } from 'node:crypto';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

/** Points to add to one shared counter. */
export interface CounterAdd {
  key: string;
  points: number;
  /** When the counter's window ends (epoch ms); null: never. Used when the counter starts afresh. */
  expiresAt: number | null;
  /** Start afresh whatever it holds (a lock: rate-limiter-flexible's block). */
  force?: boolean;
}

export interface CounterState {
  points: number;
  expiresAt: number | null;
}

/** An OpenID Connect sign-in started at the provider, waiting for the browser to come back. */
export interface StoredOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** SHA-256 hex of the random value in the browser's cookie. */
  bindingHash: string;
  expiresAt: number;
}

export interface ExpiredSwept {
  counters: number;
  logins: number;
  leases: number;
}

/**
 * The state every API instance must agree on (issue 21): counters of sign-in failures and
 * requests (:RateLimit), pending OpenID Connect sign-ins (:OidcLogin) and the leases that let one
 * instance run a schedule's due time (:ScheduleLease). Bookkeeping nodes outside the organisation
 * graph; times are epoch milliseconds; expired rows count as absent and are swept by deleteExpired.
 */
export class SharedStateRepository {
  constructor(private readonly executor: QueryExecutor) {}

  /** Adds to several counters in one transaction; the totals after it, by key. */
  async addToCounters(adds: CounterAdd[], now: number): Promise<Map<string, CounterState>> {
    // One lock order for every caller: two instances flushing the same keys cannot deadlock.
    const rows = [...adds]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((a) => ({ ...a, force: a.force ?? false }));
    const result = await this.executor.executeWrite(Q.sharedRateLimitAdd, { rows, now });
    return new Map(result.map((r) => [String(r.key), counterOf(r)]));
  }

  /** A counter as it stands at `now`; null when absent or its window ended. */
  async counter(key: string, now: number): Promise<CounterState | null> {
    const [row] = await this.executor.executeRead(Q.sharedRateLimitGet, { key, now });
    return row ? counterOf(row) : null;
  }

  async deleteCounter(key: string): Promise<boolean> {
    const [row] = await this.executor.executeWrite(Q.sharedRateLimitDelete, { key });
    return row?.deleted === true;
  }

  /**
   * Records a pending sign-in; beyond `capacity` pending ones the oldest are evicted first, so
   * anonymous calls to the login route cannot grow them without end.
   */
  async putOidcLogin(login: StoredOidcLogin, capacity: number): Promise<void> {
    await this.executor.writeTransaction(async (tx) => {
      const [{ pending }] = await tx.run(Q.sharedOidcLoginCount);
      const excess = Number(pending) - capacity + 1;
      if (excess > 0) await tx.run(Q.sharedOidcLoginEvict, { excess });
      await tx.run(Q.sharedOidcLoginPut, { login });
    }, Q.sharedOidcLoginPut);
  }

  /** The sign-in started with this state, taken once; null when unknown, expired or taken already. */
  async takeOidcLogin(state: string, now: number): Promise<StoredOidcLogin | null> {
    const [row] = await this.executor.executeWrite(Q.sharedOidcLoginTake, { state, now });
    if (!row || row.fresh !== true) return null;
    const l = row.login as Record<string, unknown>;
    return {
      state: String(l.state),
      nonce: String(l.nonce),
      codeVerifier: String(l.codeVerifier),
      bindingHash: String(l.bindingHash),
      expiresAt: Number(l.expiresAt),
    };
  }

  /** Claims a schedule's due time: true for exactly one call, whichever instance makes it. */
  async takeScheduleLease(key: string, owner: string, dueAt: number, now: number): Promise<boolean> {
    const claim = randomUUID();
    const params = { key, owner, claim, dueAt, now };
    const [row] = await this.executor.executeWrite(Q.sharedScheduleLeaseTake, params);
    return row?.mine === true;
  }

  /** Deletes expired counters and sign-ins, and leases of due times before `leasesBefore`. */
  async deleteExpired(now: number, leasesBefore: number, limit = 10_000): Promise<ExpiredSwept> {
    const [row] = await this.executor.executeWrite(Q.sharedDeleteExpired, { now, leasesBefore, limit });
    return { counters: Number(row.counters), logins: Number(row.logins), leases: Number(row.leases) };
  }

  /** Every counter, pending sign-in and lease (tests). */
  async deleteAll(): Promise<number> {
    const [row] = await this.executor.executeWrite(Q.sharedDeleteAll);
    return Number(row.deleted);
  }
}

function counterOf(row: Record<string, unknown>): CounterState {
  return { points: Number(row.points), expiresAt: row.expiresAt == null ? null : Number(row.expiresAt) };
}
