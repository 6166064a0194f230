import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '@rampart/domain';
import { AvailabilityBreaker } from './availability-breaker';

const unreachable = () => new Neo4jError('Failed to connect to server', 'ServiceUnavailable', 'gql', 'd');
const deadlock = () =>
  new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', 'gql', 'd');

/** A probe the test answers by hand. */
function probes() {
  const calls: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const probe = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
  return { probe, calls };
}

describe('AvailabilityBreaker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('stays closed for busy, slow or refused queries: only unreachability opens it', () => {
    const b = new AvailabilityBreaker({ probe: async () => undefined, recheckMs: 1000 });
    b.failed(deadlock());
    b.failed(new DomainError('QUERY_TIMEOUT', 'slow'));
    b.failed(new Error('boom'));
    expect(b.unavailable).toBeNull();
    expect(() => b.check('q')).not.toThrow();
  });

  it('once open, fails every query at once with DATABASE_UNAVAILABLE and a retry hint', () => {
    const log: string[] = [];
    const b = new AvailabilityBreaker({ probe: probes().probe, recheckMs: 2500, log: (m) => log.push(m) });
    b.failed(unreachable());
    expect(b.unavailable).toMatchObject({ cause: 'Failed to connect to server' });
    let thrown: unknown;
    try {
      b.check('asset/page');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      details: { query: 'asset/page', retryAfterSeconds: 3 },
    });
    expect(log).toEqual([expect.stringMatching(/^Neo4j is unreachable .*503/)]);
  });

  it('answers reads already waiting on the driver as soon as it opens', async () => {
    const b = new AvailabilityBreaker({ probe: probes().probe, recheckMs: 1000 });
    const never = new Promise<number>(() => undefined);
    const waiting = b.race(never, 'q');
    b.failed(unreachable());
    await expect(waiting).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    await expect(b.race(Promise.resolve(1), 'q')).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  });

  it('passes results and errors through while closed', async () => {
    const b = new AvailabilityBreaker({ probe: probes().probe, recheckMs: 1000 });
    await expect(b.race(Promise.resolve(7), 'q')).resolves.toBe(7);
    await expect(b.race(Promise.reject(new Error('x')), 'q')).rejects.toThrow('x');
  });

  it('probes at once, then every recheckMs, and closes on the first answer', async () => {
    const { probe, calls } = probes();
    const log: string[] = [];
    const b = new AvailabilityBreaker({ probe, recheckMs: 1000, log: (m) => log.push(m) });
    b.failed(unreachable());
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    calls[0].reject(new Error('refused'));
    await jest.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(b.unavailable).not.toBeNull();
    calls[1].resolve();
    await jest.advanceTimersByTimeAsync(0);
    expect(b.unavailable).toBeNull();
    expect(() => b.check('q')).not.toThrow();
    expect(log[1]).toMatch(/^Neo4j answers again after \d+\.\d s/);
  });

  it('gives a probe that hangs recheckMs, then tries again', async () => {
    const { probe, calls } = probes();
    const b = new AvailabilityBreaker({ probe, recheckMs: 500 });
    b.failed(unreachable());
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(500 + 500);
    expect(calls).toHaveLength(2);
  });

  it('closes when any query succeeds, and probes no more once stopped', async () => {
    const { probe, calls } = probes();
    const b = new AvailabilityBreaker({ probe, recheckMs: 1000 });
    b.failed(unreachable());
    b.succeeded();
    expect(b.unavailable).toBeNull();
    b.stop();
    b.failed(unreachable());
    expect(b.unavailable).toBeNull();
    await jest.advanceTimersByTimeAsync(5000);
    expect(calls.length).toBeLessThanOrEqual(1);
  });
});
