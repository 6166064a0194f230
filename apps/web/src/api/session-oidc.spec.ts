import { type HttpFetch, REFRESH_TOKEN_KEY, createSession, oidcHandoff } from './session';

/** /api/auth/refresh and /me of an API that knows one handed-over refresh token, `rr_handed`. */
function setup(handed?: string) {
  const data = new Map<string, string>([[REFRESH_TOKEN_KEY, 'rr_older_tab_token']]);
  const refreshedWith: string[] = [];
  const answer = (status: number, body: unknown) => ({
    ok: status < 300,
    status,
    json: async () => body,
  });
  const fetch: HttpFetch = async (url, init) => {
    if (url === '/api/auth/refresh') {
      const token = (JSON.parse(init.body!) as { refreshToken: string }).refreshToken;
      refreshedWith.push(token);
      return token === 'rr_handed'
        ? answer(200, { accessToken: 'a1', refreshToken: 'rr_next', expiresIn: 900, tokenType: 'Bearer' })
        : answer(401, { error: { code: 'UNAUTHENTICATED', message: 'no' } });
    }
    if (url === '/api/auth/me' && init.headers.authorization === 'Bearer a1') {
      return answer(200, { username: 'oidc-ana', roles: ['analyst'], clearance: 'SECRET', personId: null });
    }
    return answer(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } });
  };
  let taken = false;
  const session = createSession({
    fetch,
    storage: {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    },
    handoff: () => (taken ? undefined : ((taken = true), handed)),
  });
  return { session, data, refreshedWith };
}

describe('session: OpenID Connect hand-over', () => {
  it('reads #oidc= and #oidc-error= and nothing else', () => {
    expect(oidcHandoff('#oidc=rr_abc-_1')).toEqual({ refreshToken: 'rr_abc-_1' });
    expect(oidcHandoff('#oidc-error=Cannot%20sign%20in%3A%20no%20role.')).toEqual({
      error: 'Cannot sign in: no role.',
    });
    expect(oidcHandoff('#/paths?threat=x')).toBeUndefined();
    expect(oidcHandoff('')).toBeUndefined();
    expect(oidcHandoff('#oidc-error=%E0%A4%A')).toBeUndefined();
  });

  it('restore() adopts a handed-over refresh token in place of the tab’s older one, refreshing once', async () => {
    const { session, data, refreshedWith } = setup('rr_handed');
    await Promise.all([session.restore(), session.restore()]);
    expect(session.state()).toMatchObject({ status: 'signed-in', user: { username: 'oidc-ana' } });
    expect(refreshedWith).toEqual(['rr_handed']);
    expect(data.get(REFRESH_TOKEN_KEY)).toBe('rr_next');
  });

  it('adopt() of a refused token signs out with the reason', async () => {
    const { session, data } = setup();
    await expect(session.adopt('rr_unknown')).rejects.toThrow();
    expect(session.state().status).toBe('signed-out');
    expect(data.has(REFRESH_TOKEN_KEY)).toBe(false);
  });
});
