import { ApiError } from './api-error';

/** What POST /api/auth/login and /api/auth/refresh answer. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** Who is signed in (GET /api/auth/me). */
export interface User {
  username: string;
  roles: string[];
  clearance: string;
  personId: string | null;
}

export type SessionState =
  { status: 'loading' } | { status: 'signed-in'; user: User } | { status: 'signed-out'; message?: string };

/** The part of fetch the session uses (the browser's fetch fits; tests pass a fake). */
export type HttpFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/** The part of Web Storage the session uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Session {
  /** The current state; the same object until it changes (fits React's useSyncExternalStore). */
  state(): SessionState;
  /** Calls `listener` on every change of state (signed in, signed out, ...); returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** On page load: resumes the tab's sign-in from its stored refresh token, if any. Runs once. */
  restore(): Promise<void>;
  /** Signs in, or throws ApiError with the API's message ("Wrong username or password."). */
  signIn(username: string, password: string): Promise<User>;
  /** Signs in with a refresh token handed over by the OpenID Connect sign-in (it refreshes at once). */
  adopt(refreshToken: string): Promise<User>;
  /** Ends the session here and on the API; clears everything even if the API call fails. Never throws. */
  signOut(message?: string): Promise<void>;
  /** A valid access token, refreshed first when missing or about to expire; throws when signed out. */
  accessToken(): Promise<string>;
  /** A token newer than `stale` (one the API refused): refreshes unless someone already did. */
  renew(stale: string): Promise<string>;
  /** Who the access token says is signed in. */
  me(): Promise<User>;
}

/*
 * Where the tokens live. The access token (a bearer token, 15 minutes by default) only in memory:
 * nothing persistent holds it. The refresh token in sessionStorage: it survives reloads and links
 * opened in the same tab, but is scoped to this tab and gone when the tab closes, so a sign-in
 * does not outlive its window, and two tabs never share (and race to rotate) one refresh token.
 * Not localStorage (kept for weeks, shared by every tab), and not a cookie (the API takes the
 * refresh token in the JSON body, so nothing is sent by the browser on its own: no CSRF).
 */
export const REFRESH_TOKEN_KEY = 'rampart.refreshToken';
export const SESSION_ENDED = 'Your session ended: sign in again.';
/** Refresh this long before the access token expires (at most half its life, for short lifetimes). */
const RENEW_BEFORE_MS = 30_000;

interface Access {
  token: string;
  renewAt: number;
}

/**
 * What the OpenID Connect callback left in the page's address: `#oidc=<refresh token>` after a
 * sign-in, `#oidc-error=<why>` after a refusal. Fragments never reach a server or its logs.
 */
export function oidcHandoff(hash: string): { refreshToken?: string; error?: string } | undefined {
  const m = /^#(oidc|oidc-error)=([^&]*)$/.exec(hash);
  if (!m) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(m[2]);
  } catch {
    return undefined;
  }
  return m[1] === 'oidc' ? { refreshToken: value } : { error: value };
}

export function createSession(deps: {
  fetch: HttpFetch;
  storage: KeyValueStorage;
  now?: () => number;
  /** A refresh token handed over to this page (OpenID Connect), taken once by restore(). */
  handoff?: () => string | undefined;
}): Session {
  const now = deps.now ?? (() => Date.now());
  const listeners = new Set<() => void>();
  let current: SessionState | undefined;
  let access: Access | undefined;
  let inflight: Promise<string> | undefined;
  let restoring: Promise<void> | undefined;
  // Bumped by sign-in and sign-out: a refresh answered after either is stale and dropped.
  let epoch = 0;

  const storage = {
    get: (): string | null => {
      try {
        return deps.storage.getItem(REFRESH_TOKEN_KEY);
      } catch {
        return null;
      }
    },
    set: (token: string) => {
      try {
        deps.storage.setItem(REFRESH_TOKEN_KEY, token);
      } catch {
        // Storage refused (quota, privacy mode): the session lasts until the page is reloaded.
      }
    },
    clear: () => {
      try {
        deps.storage.removeItem(REFRESH_TOKEN_KEY);
      } catch {
        // Nothing stored.
      }
    },
  };

  const state = (): SessionState =>
    (current ??= storage.get() ? { status: 'loading' } : { status: 'signed-out' });
  const setState = (next: SessionState) => {
    current = next;
    for (const l of [...listeners]) l();
  };

  const keep = (pair: TokenPair) => {
    const lifetime = pair.expiresIn * 1000;
    const at = now();
    access = {
      token: pair.accessToken,
      renewAt: at + lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 2),
    };
    storage.set(pair.refreshToken);
  };

  /** Forgets everything locally; the session is signed out (with `message` for the sign-in page). */
  const clear = (message?: string) => {
    epoch++;
    access = undefined;
    inflight = undefined;
    storage.clear();
    setState({ status: 'signed-out', message });
  };

  async function call(
    method: string,
    url: string,
    body?: unknown,
    bearer?: string,
  ): Promise<{ ok: boolean; status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let res: Awaited<ReturnType<HttpFetch>>;
    try {
      res = await deps.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('The API did not answer: check the connection and try again.', 'UNAVAILABLE');
    }
    return { ok: res.ok, status: res.status, body: await res.json().catch(() => undefined) };
  }

  const errorOf = (status: number, body: unknown): ApiError => {
    const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    return new ApiError(e?.message ?? `The API answered ${status}.`, e?.code);
  };

  async function refresh(): Promise<string> {
    const token = storage.get();
    const at = epoch;
    if (!token) {
      if (state().status !== 'signed-out') clear(SESSION_ENDED);
      throw new ApiError('Sign in first.', 'UNAUTHENTICATED');
    }
    const res = await call('POST', '/api/auth/refresh', { refreshToken: token });
    if (at !== epoch) throw new ApiError('Signed out meanwhile.', 'UNAUTHENTICATED');
    if (res.status === 400 || res.status === 401) {
      // Refused (expired, revoked, or already used): the session is over.
      clear(SESSION_ENDED);
      throw new ApiError(SESSION_ENDED, 'UNAUTHENTICATED');
    }
    // Anything else (API down, 5xx) keeps the refresh token: the next call tries again.
    if (!res.ok) throw errorOf(res.status, res.body);
    keep(res.body as TokenPair);
    return access!.token;
  }

  /**
   * One refresh at a time, shared by every caller: refresh tokens rotate, so a second refresh
   * with the same token would count as a replay and sign the whole session out.
   */
  function refreshOnce(): Promise<string> {
    if (inflight) return inflight;
    const p = refresh();
    const done = () => {
      if (inflight === p) inflight = undefined;
    };
    p.then(done, done);
    inflight = p;
    return p;
  }

  const fresh = (): string | undefined => (access && now() < access.renewAt ? access.token : undefined);

  async function me(): Promise<User> {
    const res = await call('GET', '/api/auth/me', undefined, await accessToken());
    if (!res.ok) throw errorOf(res.status, res.body);
    return res.body as User;
  }

  function accessToken(): Promise<string> {
    const token = fresh();
    return token ? Promise.resolve(token) : refreshOnce();
  }

  /** A new sign-in replaces what the tab held: start a new epoch with these tokens, then ask who. */
  async function enter(keepTokens: () => void, why?: (e: Error) => string): Promise<User> {
    epoch++;
    inflight = undefined;
    keepTokens();
    const at = epoch;
    try {
      const user = await me();
      if (at === epoch) setState({ status: 'signed-in', user });
      return user;
    } catch (e) {
      if (at === epoch) clear(why?.(e as Error));
      throw e;
    }
  }

  function adopt(refreshToken: string): Promise<User> {
    return enter(
      () => {
        access = undefined;
        storage.set(refreshToken);
        setState({ status: 'loading' });
      },
      // A refused refresh has signed out already; otherwise say why on the sign-in page.
      (e) => e.message,
    );
  }

  return {
    state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    restore() {
      return (restoring ??= (async () => {
        const handed = deps.handoff?.();
        if (handed) {
          // A new sign-in replaces whatever this tab held; a refusal shows on the sign-in page.
          await adopt(handed).catch(() => undefined);
          return;
        }
        if (state().status === 'signed-in') return;
        if (!storage.get()) {
          if (state().status !== 'signed-out') setState({ status: 'signed-out' });
          return;
        }
        if (state().status !== 'loading') setState({ status: 'loading' });
        const at = epoch;
        try {
          const user = await me();
          if (at === epoch) setState({ status: 'signed-in', user });
        } catch (e) {
          // A refused refresh has signed out already; the API being down shows its message.
          if (at === epoch && state().status !== 'signed-out') {
            setState({ status: 'signed-out', message: (e as Error).message });
          }
        }
      })());
    },
    async signIn(username, password) {
      const res = await call('POST', '/api/auth/login', { username, password });
      if (!res.ok) throw errorOf(res.status, res.body);
      return enter(() => keep(res.body as TokenPair));
    },
    adopt,
    async signOut(message) {
      const token = storage.get();
      clear(message);
      if (!token) return;
      try {
        await call('POST', '/api/auth/logout', { refreshToken: token });
      } catch {
        // Signed out here all the same; the API forgets the refresh token when it expires.
      }
    },
    accessToken,
    renew(stale) {
      if (inflight) return inflight;
      const token = fresh();
      if (token && token !== stale) return Promise.resolve(token);
      access = undefined;
      return refreshOnce();
    },
    me,
  };
}

/** The browser's session: this tab's sessionStorage, the page's fetch. */
export const session: Session = createSession({
  fetch: (url, init) => fetch(url, init),
  // Looked up on use, so importing this module outside a browser (unit tests) does no harm.
  storage: {
    getItem: (k) => sessionStorage.getItem(k),
    setItem: (k, v) => sessionStorage.setItem(k, v),
    removeItem: (k) => sessionStorage.removeItem(k),
  },
  handoff: () => {
    const token = oidcHandoff(window.location.hash)?.refreshToken;
    // Out of the address bar and history at once: nobody copies the token from there.
    if (token) history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  },
});
