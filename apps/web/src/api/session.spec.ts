import { ApiError } from './api-error';
import {
  REFRESH_TOKEN_KEY,
  SESSION_ENDED,
  type HttpFetch,
  type KeyValueStorage,
  type SessionState,
  createSession,
} from './session';

const PASSWORD = 'right password 123';

/**
 * A fake of the API's /api/auth routes with its rules: refresh tokens rotate (each works once), a
 * spent one presented again revokes its whole family, logout revokes the family.
 */
function fakeApi(clock: { t: number }, expiresIn = 900) {
  let n = 0;
  const refresh = new Map<string, { family: number; spent: boolean }>();
  const revoked = new Set<number>();
  const access = new Map<string, number>(); // token -> expires at (ms)
  const calls: { method: string; url: string; body?: Record<string, string>; authorization?: string }[] = [];
  let down = false;
  const answer = (status: number, body?: unknown) => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => {
      if (body === undefined) throw new SyntaxError('Unexpected end of JSON input');
      return body;
    },
  });
  const unauthenticated = (message: string) => answer(401, { error: { code: 'UNAUTHENTICATED', message } });
  const pair = (family: number) => {
    n++;
    const accessToken = `access-${n}`;
    const refreshToken = `refresh-${n}`;
    access.set(accessToken, clock.t + expiresIn * 1000);
    refresh.set(refreshToken, { family, spent: false });
    return answer(200, { accessToken, refreshToken, expiresIn, tokenType: 'Bearer' });
  };
  const fetch: HttpFetch = async (url, init) => {
    const body = init.body === undefined ? undefined : (JSON.parse(init.body) as Record<string, string>);
    calls.push({ method: init.method, url, body, authorization: init.headers.authorization });
    await new Promise((r) => setTimeout(r, 1)); // answers arrive later, as over the network
    if (down) throw new TypeError('Failed to fetch');
    switch (`${init.method} ${url}`) {
      case 'POST /api/auth/login':
        if (body?.username !== 'ana' || body?.password !== PASSWORD) {
          return unauthenticated('Wrong username or password.');
        }
        return pair(1000 + n); // the first sign-in's family is 1000
      case 'POST /api/auth/refresh': {
        const t = refresh.get(body?.refreshToken ?? '');
        if (!t || revoked.has(t.family)) return unauthenticated('This refresh token is no longer valid.');
        if (t.spent) {
          revoked.add(t.family);
          return unauthenticated('This refresh token was already used.');
        }
        t.spent = true;
        return pair(t.family);
      }
      case 'POST /api/auth/logout': {
        const t = refresh.get(body?.refreshToken ?? '');
        if (t) revoked.add(t.family);
        return answer(204);
      }
      case 'GET /api/auth/me': {
        const expires = access.get(init.headers.authorization?.replace(/^Bearer /, '') ?? '');
        if (expires === undefined || expires <= clock.t) return unauthenticated('Sign in first.');
        return answer(200, { username: 'ana', roles: ['analyst'], clearance: 'OFFICIAL', personId: null });
      }
    }
    return answer(404, { error: { code: 'NOT_FOUND', message: 'No such route.' } });
  };
  return {
    fetch,
    calls,
    refreshes: () => calls.filter((c) => c.url === '/api/auth/refresh').length,
    revoked,
    setDown: (d: boolean) => (down = d),
  };
}

function fakeStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

function setup(options: { expiresIn?: number } = {}) {
  const clock = { t: 1_000_000 };
  const api = fakeApi(clock, options.expiresIn);
  const storage = fakeStorage();
  const open = () => {
    const session = createSession({ fetch: api.fetch, storage, now: () => clock.t });
    const states: SessionState[] = [];
    session.subscribe(() => states.push(session.state()));
    return { session, states };
  };
  /** The same tab reloaded: a new page (nothing in memory) with the tab's storage. */
  const reload = () => open();
  return { clock, api, storage, reload, ...open() };
}

describe('session', () => {
  it('signs in: the refresh token in storage, the access token in memory only, the user from /me', async () => {
    const { session, storage, states, api } = setup();
    expect(session.state()).toEqual({ status: 'signed-out' });
    const user = await session.signIn('ana', PASSWORD);
    expect(user.username).toBe('ana');
    expect(session.state()).toEqual({ status: 'signed-in', user });
    expect(states.map((s) => s.status)).toEqual(['signed-in']);
    expect([...storage.data.entries()]).toEqual([[REFRESH_TOKEN_KEY, 'refresh-1']]);
    expect(await session.accessToken()).toBe('access-1');
    expect(api.calls.find((c) => c.url === '/api/auth/me')?.authorization).toBe('Bearer access-1');
  });

  it("a refused sign-in throws the API's message and stores nothing", async () => {
    const { session, storage, states } = setup();
    const e = await session.signIn('ana', 'wrong password').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ message: 'Wrong username or password.', code: 'UNAUTHENTICATED' });
    expect(storage.data.size).toBe(0);
    expect(session.state().status).toBe('signed-out');
    expect(states).toEqual([]);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('says so when the API does not answer', async () => {
    const { session, api } = setup();
    api.setDown(true);
    await expect(session.signIn('ana', PASSWORD)).rejects.toThrow('The API did not answer');
  });

  it('keeps the access token until 30 s before it expires, then refreshes (rotating the refresh token)', async () => {
    const { session, storage, clock, api } = setup();
    await session.signIn('ana', PASSWORD);
    clock.t += 869_000; // 31 s left of 900
    expect(await session.accessToken()).toBe('access-1');
    expect(api.refreshes()).toBe(0);
    clock.t += 2_000; // 29 s left
    expect(await session.accessToken()).toBe('access-2');
    expect(storage.data.get(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(api.calls.at(-1)?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(await session.accessToken()).toBe('access-2');
    expect(api.refreshes()).toBe(1);
  });

  it('short-lived access tokens are renewed at half their life, not on every call', async () => {
    const { session, clock, api } = setup({ expiresIn: 20 });
    await session.signIn('ana', PASSWORD);
    clock.t += 9_000;
    expect(await session.accessToken()).toBe('access-1');
    clock.t += 2_000;
    expect(await session.accessToken()).toBe('access-2');
    expect(api.refreshes()).toBe(1);
  });

  it('concurrent callers share one refresh: a second one would replay the rotated token and sign out', async () => {
    const { session, api, clock } = setup();
    await session.signIn('ana', PASSWORD);
    clock.t += 900_000; // expired
    const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.me()]);
    expect(tokens.slice(0, 2)).toEqual(['access-2', 'access-2']);
    expect(api.refreshes()).toBe(1);
    expect(api.revoked.size).toBe(0);
    expect(session.state().status).toBe('signed-in');
    // And the session goes on: the next refresh uses the newest token.
    clock.t += 900_000;
    expect(await session.accessToken()).toBe('access-3');
    expect(api.revoked.size).toBe(0);
  });

  it('renew(stale) refreshes once for every request the API refused with the same token', async () => {
    const { session, api } = setup();
    await session.signIn('ana', PASSWORD);
    const stale = await session.accessToken();
    const [a, b] = await Promise.all([session.renew(stale), session.renew(stale)]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    // A request refused with the old token after the refresh finished takes the new one.
    expect(await session.renew(stale)).toBe('access-2');
    expect(api.refreshes()).toBe(1);
    expect(api.revoked.size).toBe(0);
  });

  it('a refused refresh ends the session: storage cleared, listeners told, the sign-in page shows why', async () => {
    const { session, storage, states, api, clock } = setup();
    await session.signIn('ana', PASSWORD);
    api.revoked.add(1000); // signed out elsewhere (say an administrator disabled the account)
    clock.t += 900_000;
    await expect(session.accessToken()).rejects.toMatchObject({
      message: SESSION_ENDED,
      code: 'UNAUTHENTICATED',
    });
    expect(session.state()).toEqual({ status: 'signed-out', message: SESSION_ENDED });
    expect(states.map((s) => s.status)).toEqual(['signed-in', 'signed-out']);
    expect(storage.data.size).toBe(0);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(api.refreshes()).toBe(1);
  });

  it('an API that does not answer a refresh keeps the refresh token for the next try', async () => {
    const { session, storage, api, clock } = setup();
    await session.signIn('ana', PASSWORD);
    clock.t += 900_000;
    api.setDown(true);
    await expect(session.accessToken()).rejects.toThrow('The API did not answer');
    expect(session.state().status).toBe('signed-in');
    expect(storage.data.get(REFRESH_TOKEN_KEY)).toBe('refresh-1');
    api.setDown(false);
    expect(await session.accessToken()).toBe('access-2');
  });

  it('restores the tab from its stored refresh token: loading, then signed in, never the sign-in page', async () => {
    const tab = setup();
    await tab.session.signIn('ana', PASSWORD);
    const { session, states } = tab.reload();
    expect(session.state()).toEqual({ status: 'loading' });
    await Promise.all([session.restore(), session.restore()]); // React's strict mode runs effects twice
    expect(states.map((s) => s.status)).toEqual(['signed-in']);
    expect(session.state()).toMatchObject({ status: 'signed-in', user: { username: 'ana' } });
    expect(await session.accessToken()).toBe('access-2');
    expect(tab.storage.data.get(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(tab.api.refreshes()).toBe(1);
  });

  it('restores to the sign-in page without a stored token, or with a spent one', async () => {
    const empty = setup();
    await empty.session.restore();
    expect(empty.session.state()).toEqual({ status: 'signed-out' });
    expect(empty.api.calls).toEqual([]);

    const spent = setup();
    spent.storage.setItem(REFRESH_TOKEN_KEY, 'refresh-unknown');
    const { session } = spent.reload();
    expect(session.state().status).toBe('loading');
    await session.restore();
    expect(session.state()).toEqual({ status: 'signed-out', message: SESSION_ENDED });
    expect(spent.storage.data.size).toBe(0);
  });

  it('signed out in the tab: a reload stays signed out', async () => {
    const tab = setup();
    await tab.session.signIn('ana', PASSWORD);
    await tab.session.signOut();
    const { session } = tab.reload();
    expect(session.state()).toEqual({ status: 'signed-out' });
    await session.restore();
    expect(session.state()).toEqual({ status: 'signed-out' });
    expect(tab.api.refreshes()).toBe(0);
  });

  it('signs out: logout with the refresh token, everything cleared', async () => {
    const { session, storage, states, api } = setup();
    await session.signIn('ana', PASSWORD);
    await session.signOut();
    expect(api.calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/logout',
      body: { refreshToken: 'refresh-1' },
    });
    expect(api.revoked.has(1000)).toBe(true);
    expect(storage.data.size).toBe(0);
    expect(session.state()).toEqual({ status: 'signed-out' });
    expect(states.map((s) => s.status)).toEqual(['signed-in', 'signed-out']);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('signs out even when the logout call fails', async () => {
    const { session, storage, api } = setup();
    await session.signIn('ana', PASSWORD);
    api.setDown(true);
    await expect(session.signOut()).resolves.toBeUndefined();
    expect(storage.data.size).toBe(0);
    expect(session.state().status).toBe('signed-out');
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a refresh answered after sign-out does not bring the session back', async () => {
    const { session, storage, clock } = setup();
    await session.signIn('ana', PASSWORD);
    clock.t += 900_000;
    const late = session.accessToken();
    await session.signOut();
    await expect(late).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(storage.data.size).toBe(0);
    expect(session.state().status).toBe('signed-out');
  });

  it('survives a storage that refuses to store (the session then lasts until a reload)', async () => {
    const clock = { t: 0 };
    const api = fakeApi(clock);
    const session = createSession({
      fetch: api.fetch,
      storage: {
        getItem: () => null,
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
        removeItem: () => undefined,
      },
      now: () => clock.t,
    });
    await session.signIn('ana', PASSWORD);
    expect(await session.accessToken()).toBe('access-1');
  });
});
