import { rateLimit } from './rate-limit';

function call(limiter: ReturnType<typeof rateLimit>, url: string, ip = '10.0.0.1') {
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
  let passed = false;
  limiter({ url, ip, socket: {} } as never, res as never, () => (passed = true));
  return { passed, res };
}

describe('rateLimit', () => {
  it('lets perMinute requests through per address, then answers 429 until the minute ends', () => {
    let t = 0;
    const warnings: string[] = [];
    const limiter = rateLimit(
      3,
      (m) => warnings.push(m),
      () => t,
    );
    expect([1, 2, 3].map(() => call(limiter, '/graphql').passed)).toEqual([true, true, true]);
    t = 45_000;
    const refused = call(limiter, '/graphql');
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
    expect(JSON.parse(call(limiter, '/api/export').res.body).error.code).toBe('RATE_LIMITED');
    expect(warnings).toHaveLength(1);
    // Another address, the UI's files and health probes are not affected.
    expect(call(limiter, '/graphql', '10.0.0.2').passed).toBe(true);
    expect(call(limiter, '/assets/index.js').passed).toBe(true);
    expect(call(limiter, '/health').passed).toBe(true);
    t = 60_000;
    expect(call(limiter, '/graphql').passed).toBe(true);
  });

  it('limits nothing at 0', () => {
    const limiter = rateLimit(0);
    expect(Array.from({ length: 50 }, () => call(limiter, '/graphql').passed).every(Boolean)).toBe(true);
  });
});
