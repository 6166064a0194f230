import { CounterAdd, CounterState } from '@rampart/graph';
import { RequestRateLimiter } from './request-rate-limiter';

/** shared-state/rate-limit-add in memory: one store stands for the one Neo4j of every instance. */
class FakeStore {
  readonly totals = new Map<string, number>();
  readonly sent: CounterAdd[][] = [];
  down = false;

  async addToCounters(adds: CounterAdd[]): Promise<Map<string, CounterState>> {
    if (this.down) throw new Error('Neo4j cannot be reached');
    this.sent.push(adds);
    return new Map(
      adds.map((a) => {
        this.totals.set(a.key, (this.totals.get(a.key) ?? 0) + a.points);
        return [a.key, { points: this.totals.get(a.key)!, expiresAt: a.expiresAt }];
      }),
    );
  }
}

const T0 = 1_200_000; // 20 minutes after the epoch: the start of a window
beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

const allowed = (l: RequestRateLimiter, n: number, address = '10.0.0.1') =>
  Array.from({ length: n }, () => l.hit(address).allowed).filter(Boolean).length;

describe('RequestRateLimiter', () => {
  it('counts one address across instances: what one accepted, the other learns at its next flush', async () => {
    const store = new FakeStore();
    const a = new RequestRateLimiter(10, store);
    const b = new RequestRateLimiter(10, store);
    expect(allowed(a, 6)).toBe(6);
    await a.flush();
    expect(allowed(b, 1)).toBe(1);
    await b.flush(); // b now knows the 7 of both
    expect(allowed(b, 5)).toBe(3);
    await b.flush();
    expect(b.hit('10.0.0.1')).toMatchObject({ allowed: false, msLeft: 60_000 });
    // a last heard 6: it lets one more through (the documented bound: one flush interval per
    // instance), and refuses once its flush has told it the total.
    expect(allowed(a, 1)).toBe(1);
    await a.flush();
    expect(allowed(a, 1)).toBe(0);
    expect(store.totals.get('request:10.0.0.1:20')).toBe(11);
    // Another address is counted apart.
    expect(allowed(b, 2, '10.0.0.2')).toBe(2);
  });

  it('sends on its own timer, in one batch per flush, and never the refused requests', async () => {
    const store = new FakeStore();
    const a = new RequestRateLimiter(3, store, { flushMs: 250 });
    const decisions = Array.from({ length: 5 }, () => a.hit('10.0.0.1'));
    // The first refusal is flagged (logged once per address and window).
    expect(decisions.map((d) => [d.allowed, d.firstRefusal])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [false, true],
      [false, false],
    ]);
    a.hit('10.0.0.2');
    expect(store.sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(250);
    expect(store.sent).toEqual([
      [
        { key: 'request:10.0.0.1:20', points: 3, expiresAt: T0 + 60_000 },
        { key: 'request:10.0.0.2:20', points: 1, expiresAt: T0 + 60_000 },
      ],
    ]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(store.sent).toHaveLength(1);
  });

  it('starts afresh with the next window of the clock, the same on every instance', async () => {
    const store = new FakeStore();
    const a = new RequestRateLimiter(2, store);
    jest.setSystemTime(T0 + 45_000);
    expect(allowed(a, 3)).toBe(2);
    expect(a.hit('10.0.0.1').msLeft).toBe(15_000);
    jest.setSystemTime(T0 + 60_000);
    expect(allowed(a, 3)).toBe(2);
    await a.flush();
    expect([...store.totals.keys()]).toEqual(['request:10.0.0.1:21']);
  });

  it('limits per instance while Neo4j is down, says so once, and sends the counts when it is back', async () => {
    const store = new FakeStore();
    const warnings: string[] = [];
    const a = new RequestRateLimiter(4, store, { warn: (m) => warnings.push(m) });
    store.down = true;
    expect(allowed(a, 2)).toBe(2);
    await a.flush();
    expect(allowed(a, 1)).toBe(1);
    await a.flush();
    expect(warnings).toEqual([
      expect.stringMatching(/^Request counts cannot reach Neo4j \(.*\): each instance limits on its own/),
    ]);
    expect(allowed(a, 3)).toBe(1);
    store.down = false;
    await a.flush();
    expect(store.totals.get('request:10.0.0.1:20')).toBe(4);
    expect(warnings[1]).toMatch(/shared again/);
  });

  it('limits nothing at 0', () => {
    const a = new RequestRateLimiter(0, new FakeStore());
    expect(allowed(a, 100)).toBe(100);
  });
});
