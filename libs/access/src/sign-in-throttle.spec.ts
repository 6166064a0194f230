import { DomainError } from '@rampart/domain';
import { SignInThrottle } from './sign-in-throttle';

const LIMITS = { maxFailures: 3, maxFailuresPerAddress: 5, lockSeconds: 600 };
const T0 = 1_000_000;

/** rate-limiter-flexible reads Date.now and forgets a window with a timer: both follow the fake clock. */
beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());
const at = (t: number) => jest.advanceTimersByTime(t - Date.now());

async function refusal(p: Promise<void>): Promise<DomainError | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e as DomainError;
  }
}

describe('SignInThrottle', () => {
  it('locks a username after maxFailures, for lockSeconds, whatever the address', async () => {
    const warnings: string[] = [];
    const t = new SignInThrottle(LIMITS, (m) => warnings.push(m));
    await t.failed('ana', '10.0.0.1');
    at(T0 + 1000);
    await t.failed('ana', '10.0.0.2');
    at(T0 + 2000);
    expect(await refusal(t.check('ana', '10.0.0.3'))).toBeUndefined();
    await t.failed('ana', '10.0.0.3');
    at(T0 + 3000);
    const e = await refusal(t.check('ana', '10.0.0.9'));
    expect(e).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins: try again in 10 minutes.',
      details: { retryAfterSeconds: 599 },
    });
    expect(warnings).toEqual(['Sign-in locked for username ana after 3 failures (last from 10.0.0.3).']);
    // Other accounts are not affected; the lock ends on time.
    expect(await refusal(t.check('bob', '10.0.0.9'))).toBeUndefined();
    at(T0 + 2000 + 599_000);
    expect((await refusal(t.check('ANA', '10.0.0.9')))?.code).toBe('RATE_LIMITED');
    at(T0 + 2000 + 600_000);
    expect(await refusal(t.check('ana', '10.0.0.9'))).toBeUndefined();
  });

  it('forgets failures older than the window and after a success', async () => {
    const t = new SignInThrottle(LIMITS);
    await t.failed('ana', 'a');
    at(T0 + 1);
    await t.failed('ana', 'a');
    at(T0 + 600_001);
    await t.failed('ana', 'a'); // the first two are outside the window
    at(T0 + 600_002);
    expect(await refusal(t.check('ana', 'b'))).toBeUndefined();
    at(T0 + 600_003);
    await t.failed('ana', 'a');
    await t.succeeded('ana');
    at(T0 + 600_004);
    await t.failed('ana', 'a');
    at(T0 + 600_005);
    expect(await refusal(t.check('ana', 'b'))).toBeUndefined();
  });

  it('locks an address guessing many usernames, and counts unknown usernames alike', async () => {
    const warnings: string[] = [];
    const t = new SignInThrottle(LIMITS, (m) => warnings.push(m));
    for (let i = 0; i < 5; i++) {
      at(T0 + i);
      await t.failed(`user${i}`, '10.9.9.9');
    }
    at(T0 + 10);
    expect((await refusal(t.check('someone-else', '10.9.9.9')))?.code).toBe('RATE_LIMITED');
    expect(await refusal(t.check('someone-else', '10.1.1.1'))).toBeUndefined();
    expect(warnings).toEqual(['Sign-in locked for address 10.9.9.9 after 5 failures.']);
    at(T0 + 50_000);
    expect((await refusal(t.check('short', '10.9.9.9')))?.message).toMatch(/try again in 10 minutes/);
    at(T0 + 550_004);
    expect((await refusal(t.check('short', '10.9.9.9')))?.message).toBe(
      'Too many failed sign-ins: try again in 50 seconds.',
    );
  });

  it('locks at the first failure when one is the limit, and warns once however many follow', async () => {
    const warnings: string[] = [];
    const t = new SignInThrottle({ ...LIMITS, maxFailures: 1 }, (m) => warnings.push(m));
    await t.failed('ana', 'a');
    expect((await refusal(t.check('ana', 'b')))?.details).toEqual({ retryAfterSeconds: 600 });
    // Attempts that passed the check together, all failing.
    await Promise.all([t.failed('ana', 'c'), t.failed('ana', 'd')]);
    expect(warnings).toEqual(['Sign-in locked for username ana after 1 failures (last from a).']);
  });
});
