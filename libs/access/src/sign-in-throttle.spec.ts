import { DomainError } from '@rampart/domain';
import { SignInThrottle } from './sign-in-throttle';

const LIMITS = { maxFailures: 3, maxFailuresPerAddress: 5, lockSeconds: 600 };
const T0 = 1_000_000;

function refusal(f: () => void): DomainError | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e as DomainError;
  }
}

describe('SignInThrottle', () => {
  it('locks a username after maxFailures, for lockSeconds, whatever the address', () => {
    const warnings: string[] = [];
    const t = new SignInThrottle(LIMITS, (m) => warnings.push(m));
    t.failed('ana', '10.0.0.1', T0);
    t.failed('ana', '10.0.0.2', T0 + 1000);
    expect(refusal(() => t.check('ana', '10.0.0.3', T0 + 2000))).toBeUndefined();
    t.failed('ana', '10.0.0.3', T0 + 2000);
    const e = refusal(() => t.check('ana', '10.0.0.9', T0 + 3000));
    expect(e).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins: try again in 10 minutes.',
      details: { retryAfterSeconds: 599 },
    });
    expect(warnings).toEqual(['Sign-in locked for username ana after 3 failures (last from 10.0.0.3).']);
    // Other accounts are not affected; the lock ends on time.
    expect(refusal(() => t.check('bob', '10.0.0.9', T0 + 3000))).toBeUndefined();
    expect(refusal(() => t.check('ANA', '10.0.0.9', T0 + 2000 + 599_000))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => t.check('ana', '10.0.0.9', T0 + 2000 + 600_000))).toBeUndefined();
  });

  it('forgets failures older than the window and after a success', () => {
    const t = new SignInThrottle(LIMITS);
    t.failed('ana', 'a', T0);
    t.failed('ana', 'a', T0 + 1);
    t.failed('ana', 'a', T0 + 600_001); // the first two are outside the window
    expect(refusal(() => t.check('ana', 'b', T0 + 600_002))).toBeUndefined();
    t.failed('ana', 'a', T0 + 600_003);
    t.succeeded('ana');
    t.failed('ana', 'a', T0 + 600_004);
    expect(refusal(() => t.check('ana', 'b', T0 + 600_005))).toBeUndefined();
  });

  it('locks an address guessing many usernames, and counts unknown usernames alike', () => {
    const t = new SignInThrottle(LIMITS);
    for (let i = 0; i < 5; i++) t.failed(`user${i}`, '10.9.9.9', T0 + i);
    expect(refusal(() => t.check('someone-else', '10.9.9.9', T0 + 10))?.code).toBe('RATE_LIMITED');
    expect(refusal(() => t.check('someone-else', '10.1.1.1', T0 + 10))).toBeUndefined();
    expect(refusal(() => t.check('short', '10.9.9.9', T0 + 50_000))?.message).toMatch(
      /try again in 10 minutes/,
    );
    expect(refusal(() => t.check('short', '10.9.9.9', T0 + 550_004))?.message).toBe(
      'Too many failed sign-ins: try again in 50 seconds.',
    );
  });

  it('keeps at most maxEntries counters (floods of made-up usernames)', () => {
    const t = new SignInThrottle({ ...LIMITS, maxFailures: 2 }, undefined, 3);
    t.failed('a', 'x1', T0);
    for (const u of ['b', 'c', 'd']) t.failed(u, `x-${u}`, T0);
    t.failed('a', 'x1', T0); // a's first failure was evicted: not locked
    expect(refusal(() => t.check('a', 'y', T0))).toBeUndefined();
  });
});
