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

/** What a session is built from: the API's fetch, the tab's storage, and (for tests) the clock. */
export interface SessionDeps {
  fetch: HttpFetch;
  storage: KeyValueStorage;
  now?: () => number;
  /** A refresh token handed over to this page (OpenID Connect), taken once by restore(). */
  handoff?: () => string | undefined;
}

export function createSession(deps: SessionDeps): Session {
  const core = new SessionCore(deps);
  // Plain functions, not methods: callers pass them around unbound (useSyncExternalStore).
  return {
    state: () => core.state(),
    subscribe: (listener) => core.subscribe(listener),
    restore: () => core.restore(),
    signIn: (username, password) => core.signIn(username, password),
    adopt: (refreshToken) => core.adopt(refreshToken),
    signOut: (message) => core.signOut(message),
    accessToken: () => core.accessToken(),
    renew: (stale) => core.renew(stale),
    me: () => core.me(),
  };
}

/** The refresh token in the tab's storage; a storage that refuses is treated as empty. */
class RefreshTokenStore {
  constructor(private readonly storage: KeyValueStorage) {}

  get(): string | null {
    try {
      return this.storage.getItem(REFRESH_TOKEN_KEY);
    } catch {
      return null;
    }
  }

  set(token: string): void {
    try {
      this.storage.setItem(REFRESH_TOKEN_KEY, token);
    } catch {
      // Storage refused (quota, privacy mode): the session lasts until the page is reloaded.
    }
  }

  clear(): void {
    try {
      this.storage.removeItem(REFRESH_TOKEN_KEY);
    } catch {
      // Nothing stored.
    }
  }
}

const errorOf = (status: number, body: unknown): ApiError => {
  const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new ApiError(e?.message ?? `The API answered ${status}.`, e?.code);
};

/** The session's state and tokens, and the steps that change them. */
class SessionCore {
  private readonly now: () => number;
  private readonly storage: RefreshTokenStore;
  private readonly listeners = new Set<() => void>();
  private current: SessionState | undefined;
  private access: Access | undefined;
  private inflight: Promise<string> | undefined;
  private restoring: Promise<void> | undefined;
  // Bumped by sign-in and sign-out: a refresh answered after either is stale and dropped.
  private epoch = 0;

  constructor(private readonly deps: SessionDeps) {
    this.now = deps.now ?? (() => Date.now());
    this.storage = new RefreshTokenStore(deps.storage);
  }

  state(): SessionState {
    return (this.current ??= this.storage.get() ? { status: 'loading' } : { status: 'signed-out' });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  restore(): Promise<void> {
    return (this.restoring ??= this.resume());
  }

  async signIn(username: string, password: string): Promise<User> {
    const res = await this.call('POST', '/api/auth/login', { username, password });
    if (!res.ok) throw errorOf(res.status, res.body);
    return this.enter(() => this.keep(res.body as TokenPair));
  }

  adopt(refreshToken: string): Promise<User> {
    return this.enter(
      () => {
        this.access = undefined;
        this.storage.set(refreshToken);
        this.setState({ status: 'loading' });
      },
      // A refused refresh has signed out already; otherwise say why on the sign-in page.
      (e) => e.message,
    );
  }

  async signOut(message?: string): Promise<void> {
    const token = this.storage.get();
    this.clear(message);
    if (!token) return;
    try {
      await this.call('POST', '/api/auth/logout', { refreshToken: token });
    } catch {
      // Signed out here all the same; the API forgets the refresh token when it expires.
    }
  }

  accessToken(): Promise<string> {
    const token = this.fresh();
    return token ? Promise.resolve(token) : this.refreshOnce();
  }

  renew(stale: string): Promise<string> {
    if (this.inflight) return this.inflight;
    const token = this.fresh();
    if (token && token !== stale) return Promise.resolve(token);
    this.access = undefined;
    return this.refreshOnce();
  }

  async me(): Promise<User> {
    const res = await this.call('GET', '/api/auth/me', undefined, await this.accessToken());
    if (!res.ok) throw errorOf(res.status, res.body);
    return res.body as User;
  }

  /** restore()'s one run: a handed-over sign-in, else the stored refresh token, else signed out. */
  private async resume(): Promise<void> {
    const handed = this.deps.handoff?.();
    if (handed) {
      // A new sign-in replaces whatever this tab held; a refusal shows on the sign-in page.
      await this.adopt(handed).catch(() => undefined);
      return;
    }
    if (this.state().status === 'signed-in') return;
    if (!this.storage.get()) {
      if (this.state().status !== 'signed-out') this.setState({ status: 'signed-out' });
      return;
    }
    if (this.state().status !== 'loading') this.setState({ status: 'loading' });
    const at = this.epoch;
    try {
      const user = await this.me();
      if (at === this.epoch) this.setState({ status: 'signed-in', user });
    } catch (e) {
      // A refused refresh has signed out already; the API being down shows its message.
      if (at === this.epoch && this.state().status !== 'signed-out') {
        this.setState({ status: 'signed-out', message: (e as Error).message });
      }
    }
  }

  private setState(next: SessionState): void {
    this.current = next;
    for (const l of [...this.listeners]) l();
  }

  private keep(pair: TokenPair): void {
    const lifetime = pair.expiresIn * 1000;
    const at = this.now();
    this.access = {
      token: pair.accessToken,
      renewAt: at + lifetime - Math.min(RENEW_BEFORE_MS, lifetime / 2),
    };
    this.storage.set(pair.refreshToken);
  }

  /** Forgets everything locally; the session is signed out (with `message` for the sign-in page). */
  private clear(message?: string): void {
    this.epoch++;
    this.access = undefined;
    this.inflight = undefined;
    this.storage.clear();
    this.setState({ status: 'signed-out', message });
  }

  private async call(
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
      res = await this.deps.fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError('The API did not answer: check the connection and try again.', 'UNAVAILABLE');
    }
    return { ok: res.ok, status: res.status, body: await res.json().catch(() => undefined) };
  }

  private async refresh(): Promise<string> {
    const token = this.storage.get();
    const at = this.epoch;
    if (!token) {
      if (this.state().status !== 'signed-out') this.clear(SESSION_ENDED);
      throw new ApiError('Sign in first.', 'UNAUTHENTICATED');
    }
    const res = await this.call('POST', '/api/auth/refresh', { refreshToken: token });
    if (at !== this.epoch) throw new ApiError('Signed out meanwhile.', 'UNAUTHENTICATED');
    if (res.status === 400 || res.status === 401) {
      // Refused (expired, revoked, or already used): the session is over.
      this.clear(SESSION_ENDED);
      throw new ApiError(SESSION_ENDED, 'UNAUTHENTICATED');
    }
    // Anything else (API down, 5xx) keeps the refresh token: the next call tries again.
    if (!res.ok) throw errorOf(res.status, res.body);
    this.keep(res.body as TokenPair);
    return this.access!.token;
  }

  /**
   * One refresh at a time, shared by every caller: refresh tokens rotate, so a second refresh
   * with the same token would count as a replay and sign the whole session out.
   */
  private refreshOnce(): Promise<string> {
    if (this.inflight) return this.inflight;
    const p = this.refresh();
    const done = () => {
      if (this.inflight === p) this.inflight = undefined;
    };
    p.then(done, done);
    this.inflight = p;
    return p;
  }

  private fresh(): string | undefined {
    return this.access && this.now() < this.access.renewAt ? this.access.token : undefined;
  }

  /** A new sign-in replaces what the tab held: start a new epoch with these tokens, then ask who. */
  private async enter(keepTokens: () => void, why?: (e: Error) => string): Promise<User> {
    this.epoch++;
    this.inflight = undefined;
    keepTokens();
    const at = this.epoch;
    try {
      const user = await this.me();
      if (at === this.epoch) this.setState({ status: 'signed-in', user });
      return user;
    } catch (e) {
      if (at === this.epoch) this.clear(why?.(e as Error));
      throw e;
    }
  }
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
