import { RequestRateLimiter } from '@rampart/access';
import { rateLimit } from './rate-limit';

/** A limiter whose Neo4j answers at once with what it was sent (one instance alone). */
const alone = (perMinute: number) => {
  const totals = new Map<string, number>();
  return new RequestRateLimiter(perMinute, {
    addToCounters: async (adds) =>
      new Map(
        adds.map((a) => {
          totals.set(a.key, (totals.get(a.key) ?? 0) + a.points);
          return [a.key, { points: totals.get(a.key)!, expiresAt: a.expiresAt }];
        }),
      ),
  });
};

/** The middleware's answer: passed on, or the response it wrote. */
async function call(limiter: ReturnType<typeof rateLimit>, url: string, ip = '10.0.0.1') {
  const res = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: '',
    setHeader(k: string, v: string) {
      this.headers[k] = v;
    },
    end(b: string) {
      this.body = b;
    },
  };
  const passed = await new Promise<boolean>((resolve) => {
    res.end = (b: string) => ((res.body = b), resolve(false));
    limiter({ url, ip, socket: {} } as never, res as never, () => resolve(true));
  });
  return { passed, res };
}

/** The limiter reads Date.now and flushes on a timer: both follow the fake clock. */
beforeEach(() => jest.useFakeTimers({ now: 0 }));
afterEach(() => jest.useRealTimers());
const at = (t: number) => jest.advanceTimersByTime(t - Date.now());

describe('rateLimit', () => {
  it('lets perMinute requests through per address, then answers 429 until the minute ends', async () => {
    const warnings: string[] = [];
    const limiter = rateLimit(alone(3), (m) => warnings.push(m));
    const first = [];
    for (let i = 0; i < 3; i++) first.push((await call(limiter, '/graphql')).passed);
    expect(first).toEqual([true, true, true]);
    at(45_000);
    const refused = await call(limiter, '/graphql');
    expect(refused.passed).toBe(false);
    expect(refused.res.statusCode).toBe(429);
    expect(refused.res.headers['retry-after']).toBe('15');
    expect(JSON.parse(refused.res.body)).toEqual({
      errors: [
        {
          message: 'Too many requests: at most 3 a minute from one address; try again in 15 seconds.',
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
    expect(JSON.parse((await call(limiter, '/api/export')).res.body).error.code).toBe('RATE_LIMITED');
    expect(warnings).toHaveLength(1);
    // Another address, the UI's files and health probes are not affected.
    expect((await call(limiter, '/graphql', '10.0.0.2')).passed).toBe(true);
    expect((await call(limiter, '/assets/index.js')).passed).toBe(true);
    expect((await call(limiter, '/health')).passed).toBe(true);
    at(60_000);
    expect((await call(limiter, '/graphql')).passed).toBe(true);
  });

  it('limits nothing at 0', async () => {
    const limiter = rateLimit(alone(0));
    const all = [];
    for (let i = 0; i < 50; i++) all.push((await call(limiter, '/graphql')).passed);
    expect(all.every(Boolean)).toBe(true);
  });
});
