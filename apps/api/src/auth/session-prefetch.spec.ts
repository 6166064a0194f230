import { AuthService } from '@rampart/access';
import { DomainError } from '@rampart/domain';
import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestWithPrincipal, SESSION_CHECK } from './permission.decorator';
import { sessionPrefetch } from './session-prefetch';

type Req = IncomingMessage & RequestWithPrincipal;

describe('sessionPrefetch', () => {
  const session = { user: { id: 'u-1' }, graphVersion: { version: 3, writes: 0 } };
  const setup = (answer: () => Promise<unknown>) => {
    const asked: string[] = [];
    const auth = {
      session: (authorization: string) => (asked.push(authorization), answer()),
    } as unknown as AuthService;
    const run = (method: string, authorization?: string) => {
      const req = { method, headers: { authorization } } as unknown as Req;
      let passed = false;
      sessionPrefetch(auth)(req, {} as ServerResponse, () => (passed = true));
      expect(passed).toBe(true);
      return req;
    };
    return { asked, run };
  };

  it('starts the token check of a POST with a bearer token and leaves it for the guard', async () => {
    const { asked, run } = setup(async () => session);
    const req = run('POST', 'Bearer abc');
    expect(asked).toEqual(['Bearer abc']);
    await expect(req[SESSION_CHECK]).resolves.toBe(session);
  });

  it('starts nothing without a bearer token, or for other methods (the guard checks them)', () => {
    const { asked, run } = setup(async () => session);
    expect(run('POST')[SESSION_CHECK]).toBeUndefined();
    expect(run('POST', 'Basic eDp5')[SESSION_CHECK]).toBeUndefined();
    expect(run('GET', 'Bearer abc')[SESSION_CHECK]).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('a refused token is the guard’s to answer, and never an unhandled rejection', async () => {
    const refused = new DomainError('UNAUTHENTICATED', 'The access token is not valid: sign in again.');
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const { run } = setup(async () => Promise.reject(refused));
      const req = run('POST', 'Bearer bad');
      await new Promise((r) => setImmediate(r)); // nobody awaits it yet (a query failing validation)
      expect(unhandled).not.toHaveBeenCalled();
      await expect(req[SESSION_CHECK]).rejects.toBe(refused);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
