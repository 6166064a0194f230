import { GraphContext } from '@rampart/graph';
import { freshGraph, openGraph, testConfig } from '../support/test-graph';

// The Cypher of the state every API instance shares (issue 21), run by two graph contexts (two
// drivers, as two instances have) at once on the real database.
describe('shared state in Neo4j', () => {
  const config = testConfig();
  let a: GraphContext;
  let b: GraphContext;
  const now = Date.now();

  beforeAll(async () => {
    [a, b] = await Promise.all([openGraph(config), openGraph(config)]);
    await freshGraph(a);
  }, 120_000);
  afterAll(async () => {
    await a?.sharedState.deleteAll();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('adds to a counter from two instances at once without losing a point', async () => {
    const expiresAt = now + 60_000;
    const adds = (g: GraphContext) =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          g.sharedState.addToCounters(
            [
              { key: 'test:hot', points: 1, expiresAt },
              { key: 'test:also', points: 2, expiresAt },
            ],
            Date.now(),
          ),
        ),
      );
    await Promise.all([adds(a), adds(b)]);
    expect(await b.sharedState.counter('test:hot', Date.now())).toEqual({ points: 40, expiresAt });
    expect(await a.sharedState.counter('test:also', Date.now())).toEqual({ points: 80, expiresAt });
  });

  it('starts a counter afresh once its window ended, or when forced; reads treat an ended one as absent', async () => {
    await a.sharedState.addToCounters([{ key: 'test:w', points: 3, expiresAt: now + 1000 }], now);
    expect(await b.sharedState.counter('test:w', now + 999)).toEqual({ points: 3, expiresAt: now + 1000 });
    expect(await b.sharedState.counter('test:w', now + 1000)).toBeNull();
    const after = await b.sharedState.addToCounters(
      [{ key: 'test:w', points: 1, expiresAt: now + 5000 }],
      now + 1000,
    );
    expect(after.get('test:w')).toEqual({ points: 1, expiresAt: now + 5000 });
    const forced = await a.sharedState.addToCounters(
      [{ key: 'test:w', points: 9, expiresAt: null, force: true }],
      now + 1001,
    );
    expect(forced.get('test:w')).toEqual({ points: 9, expiresAt: null });
    expect(await b.sharedState.counter('test:w', now + 10 ** 9)).toEqual({ points: 9, expiresAt: null });
    expect(await b.sharedState.deleteCounter('test:w')).toBe(true);
    expect(await a.sharedState.deleteCounter('test:w')).toBe(false);
  });

  it('gives a schedule due time to exactly one of many concurrent claims', async () => {
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).sharedState.takeScheduleLease('test-entry@t1', `instance-${i % 2}`, now, now),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.sharedState.takeScheduleLease('test-entry@t2', 'instance-0', now, now)).toBe(true);
  });

  it('gives a pending OpenID Connect sign-in back once, on either instance, within its time', async () => {
    const login = (state: string, expiresAt: number) => ({
      state,
      nonce: `n-${state}`,
      codeVerifier: 'v',
      bindingHash: 'ab'.repeat(32),
      expiresAt,
    });
    await a.sharedState.putOidcLogin(login('s1', now + 1000), 100);
    await a.sharedState.putOidcLogin(login('s2', now + 1000), 100);
    const takes = await Promise.all([
      b.sharedState.takeOidcLogin('s1', now),
      a.sharedState.takeOidcLogin('s1', now),
      b.sharedState.takeOidcLogin('s1', now),
    ]);
    expect(takes.filter(Boolean)).toEqual([login('s1', now + 1000)]);
    expect(await b.sharedState.takeOidcLogin('s2', now + 1000)).toBeNull(); // expired
    expect(await b.sharedState.takeOidcLogin('unknown', now)).toBeNull();
  });

  it('keeps pending sign-ins within the capacity: the oldest go first', async () => {
    await a.sharedState.deleteAll();
    const put = (state: string, expiresAt: number) =>
      a.sharedState.putOidcLogin({ state, nonce: 'n', codeVerifier: 'v', bindingHash: 'h', expiresAt }, 3);
    await put('c1', now + 1000);
    await put('c2', now + 2000);
    await put('c3', now + 3000);
    await put('c4', now + 4000);
    expect(await b.sharedState.takeOidcLogin('c1', now)).toBeNull();
    for (const s of ['c2', 'c3', 'c4']) expect(await b.sharedState.takeOidcLogin(s, now)).not.toBeNull();
  });

  it('sweeps what expired and leases of long-past due times, and nothing else', async () => {
    await a.sharedState.deleteAll();
    await a.sharedState.addToCounters(
      [
        { key: 'test:old', points: 1, expiresAt: now - 1 },
        { key: 'test:live', points: 1, expiresAt: now + 60_000 },
      ],
      now - 10,
    );
    await a.sharedState.putOidcLogin(
      { state: 'old', nonce: 'n', codeVerifier: 'v', bindingHash: 'h', expiresAt: now - 1 },
      10,
    );
    await a.sharedState.putOidcLogin(
      { state: 'live', nonce: 'n', codeVerifier: 'v', bindingHash: 'h', expiresAt: now + 1 },
      10,
    );
    await a.sharedState.takeScheduleLease('old@1', 'i', 1, now);
    await a.sharedState.takeScheduleLease('new@2', 'i', now, now);
    expect(await b.sharedState.deleteExpired(now, now - 1000)).toEqual({ counters: 1, logins: 1, leases: 1 });
    expect(await b.sharedState.deleteExpired(now, now - 1000)).toEqual({ counters: 0, logins: 0, leases: 0 });
    expect(await b.sharedState.counter('test:live', now)).not.toBeNull();
    expect(await b.sharedState.takeOidcLogin('live', now)).not.toBeNull();
    expect(await b.sharedState.takeScheduleLease('new@2', 'j', now, now)).toBe(false);
    expect(await b.sharedState.takeScheduleLease('old@1', 'j', 1, now)).toBe(true);
  });
});
