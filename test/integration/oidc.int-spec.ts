import { INestApplication } from '@nestjs/common';
import { OidcConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { generateKeyPairSync, sign } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import request from 'supertest';
import { AuditService } from '@rampart/audit';
import { UserAdminService } from '@rampart/access';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { CookieJar } from '../support/cookie-jar';
import { freePort } from '../support/free-port';
import { startDemoApp } from '../support/test-app';
import { openGraph, testConfig } from '../support/test-graph';

type Claims = { sub: string; preferred_username?: string; roles?: unknown; clearance?: unknown };

const CLIENT_ID = 'rampart-test';
const CLIENT_SECRET = 'test-only oidc client secret 0123';
const KID = 'test-signing-key';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey: strangerKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Where a sign-in ended: the web UI's fragment (`oidc=<refresh token>` or `oidc-error=<why>`). */
interface Outcome {
  refreshToken?: string;
  error?: string;
  /** The provider's redirect back to Rampart (code, state, iss), for replays. */
  callbackUrl?: string;
}

// OpenID Connect sign-in (issue 8) against oidc-provider v7 running in this process on loopback:
// discovery, PKCE, state, nonce, ID token checks, claims to roles and clearance, account linking.
describe('OpenID Connect sign-in', () => {
  let app: INestApplication;
  let graph: GraphContext;
  let idp: http.Server;
  let provider: Provider;
  let rampart: string;
  const identities = new Map<string, Claims>();
  let loginAs = 'u-ana';
  /** When set, the provider's token response carries an ID token rewritten by this. */
  let forge:
    | ((payload: Record<string, unknown>) => { payload: Record<string, unknown>; key: typeof privateKey })
    | undefined;

  async function get(url: URL, jar: CookieJar): Promise<Response> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, res.headers.getSetCookie());
    return res;
  }

  /** A whole browser sign-in: Rampart's login route, the provider (login, consent), back to Rampart. */
  async function signIn(
    sub: string,
    options: { callbackJar?: CookieJar; stopAtCallback?: boolean } = {},
  ): Promise<Outcome> {
    loginAs = sub;
    const jar = new CookieJar();
    let url = new URL(`${rampart}/api/auth/oidc/login`);
    let callbackUrl: string | undefined;
    for (let hop = 0; hop < 12; hop++) {
      const isCallback = url.pathname === '/api/auth/oidc/callback';
      if (isCallback) {
        callbackUrl = url.toString();
        if (options.stopAtCallback) return { callbackUrl };
      }
      const res = await get(url, isCallback ? (options.callbackJar ?? jar) : jar);
      const location = res.headers.get('location');
      if (!location) throw new Error(`${url} answered ${res.status} without a redirect: ${await res.text()}`);
      if (location.startsWith('/#')) return { ...outcomeOf(location), callbackUrl };
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  function outcomeOf(location: string): Outcome {
    const m = /^\/#(oidc|oidc-error)=(.*)$/.exec(location);
    if (!m) throw new Error(`unexpected redirect ${location}`);
    const value = decodeURIComponent(m[2]);
    return m[1] === 'oidc' ? { refreshToken: value } : { error: value };
  }

  const http_ = () => request(app.getHttpServer());
  const tokensFor = async (refreshToken: string) =>
    (await http_().post('/api/auth/refresh').send({ refreshToken }).expect(200)).body as {
      accessToken: string;
      refreshToken: string;
    };
  const me = async (refreshToken: string) => {
    const { accessToken } = await tokensFor(refreshToken);
    return (await http_().get('/api/auth/me').set('authorization', `Bearer ${accessToken}`).expect(200)).body;
  };

  beforeAll(async () => {
    // The provider's development notices (in-memory adapter, default lifetimes) are expected here.
    for (const level of ['info', 'warn'] as const) {
      const original = console[level];
      jest
        .spyOn(console, level)
        .mockImplementation((...args: unknown[]) =>
          String(args[0]).includes('oidc-provider') ? undefined : original(...args),
        );
    }
    const appPort = await freePort();
    rampart = `http://127.0.0.1:${appPort}`;
    // The provider first: its port is the issuer.
    idp = http.createServer();
    await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    provider = new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          redirect_uris: [`${rampart}/api/auth/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: KID, use: 'sig', alg: 'RS256' }] },
      pkce: { required: () => true, methods: ['S256'] },
      // Scope claims go into the ID token, where Rampart reads them.
      conformIdTokenClaims: false,
      claims: { openid: ['sub'], profile: ['preferred_username', 'roles', 'clearance'] },
      findAccount: async (_ctx, sub) => ({
        accountId: sub,
        claims: async () => ({ ...identities.get(sub)!, sub }),
      }),
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['test-only cookie key'] },
    });
    const handle = provider.callback();
    idp.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url?.startsWith('/interaction/')) {
        interact(req, res).catch((e: Error) => res.writeHead(500).end(e.message));
        return;
      }
      if (forge && req.method === 'POST' && req.url === '/token') rewriteIdToken(res);
      void handle(req, res);
    });

    const config = testConfig();
    const oidc: OidcConfig = {
      issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${rampart}/api/auth/oidc/callback`,
      scopes: ['openid', 'profile'],
      usernameClaim: 'preferred_username',
      rolesClaim: 'roles',
      clearanceClaim: 'clearance',
      roleMap: { 'sec-auditors': ['auditor'] },
    };
    ({ app, graph } = await startDemoApp({ ...config, auth: { ...config.auth, oidc } }));
    await app.listen(appPort, '127.0.0.1');
    await graph.users.deleteAll();
    await graph.audit.deleteAll();
  }, 120_000);

  afterAll(async () => {
    // Suites share one Neo4j.
    await graph?.users.deleteAll();
    await graph?.audit.deleteAll();
    await app?.close();
    await new Promise((resolve) => idp?.close(resolve));
    jest.restoreAllMocks();
  });

  /** The provider's login and consent pages, answered at once for `loginAs`. */
  async function interact(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { prompt, params, session } = await provider.interactionDetails(req, res);
    if (prompt.name === 'login') {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: loginAs } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  /** Replaces the token response's ID token by one `forge` rewrote and signed (its header kept). */
  function rewriteIdToken(res: http.ServerResponse): void {
    const end = res.end.bind(res) as (chunk?: unknown) => http.ServerResponse;
    res.end = ((chunk?: unknown) => {
      const body = JSON.parse(String(chunk));
      const [header, payload] = String(body.id_token).split('.');
      const forged = forge!(JSON.parse(Buffer.from(payload, 'base64url').toString()));
      const input = `${header}.${Buffer.from(JSON.stringify(forged.payload)).toString('base64url')}`;
      body.id_token = `${input}.${sign('sha256', Buffer.from(input), forged.key).toString('base64url')}`;
      const text = JSON.stringify(body);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    }) as typeof res.end;
  }

  it('says whether it is on', async () => {
    expect((await http_().get('/api/auth/oidc').expect(200)).body).toEqual({ enabled: true });
  });

  it('signs in through the provider: tokens work, roles and clearance come from the claims', async () => {
    identities.set('u-ana', {
      sub: 'u-ana',
      preferred_username: 'oidc-ana',
      roles: ['analyst', 'sec-auditors', 'wizard'],
      clearance: 'SECRET',
    });
    const outcome = await signIn('u-ana');
    expect(outcome.error).toBeUndefined();
    expect(outcome.refreshToken).toMatch(/^rr_[\w-]{43}$/);
    expect(await me(outcome.refreshToken!)).toEqual({
      username: 'oidc-ana',
      roles: ['analyst', 'auditor'],
      clearance: 'SECRET',
      personId: null,
    });
    const stored = await graph.users.byUsername('oidc-ana');
    expect(stored).toMatchObject({
      source: 'oidc',
      passwordHash: '',
      externalId: expect.stringMatching(/ u-ana$/),
    });
    // No password signs into it, not even one an admin set by mistake.
    await app.get(UserAdminService).update('oidc-ana', { password: 'some long password 123' });
    const byPassword = await http_()
      .post('/api/auth/login')
      .send({ username: 'oidc-ana', password: 'some long password 123' });
    expect([byPassword.status, byPassword.body.error.message]).toEqual([401, 'Wrong username or password.']);
  });

  it('updates roles and clearance from the claims on every sign-in', async () => {
    identities.set('u-ana', {
      ...identities.get('u-ana')!,
      roles: 'rse, somethingelse',
      clearance: 'OFFICIAL',
    });
    const { refreshToken } = await signIn('u-ana');
    expect(await me(refreshToken!)).toMatchObject({
      username: 'oidc-ana',
      roles: ['rse'],
      clearance: 'OFFICIAL',
    });
  });

  it('refuses an unknown clearance and claims without a Rampart role, creating no account', async () => {
    identities.set('u-cleo', {
      sub: 'u-cleo',
      preferred_username: 'oidc-cleo',
      roles: ['analyst'],
      clearance: 'COSMIC',
    });
    expect((await signIn('u-cleo')).error).toMatch(
      /^Cannot sign in: claim clearance of oidc-cleo is not a clearance level/,
    );
    identities.set('u-bob', {
      sub: 'u-bob',
      preferred_username: 'oidc-bob',
      roles: ['visitor'],
      clearance: 'OFFICIAL',
    });
    expect((await signIn('u-bob')).error).toBe(
      'Cannot sign in: oidc-bob has no Rampart role in claim roles.',
    );
    identities.set('u-odd', {
      sub: 'u-odd',
      preferred_username: 'Odd Name',
      roles: ['analyst'],
      clearance: 'OFFICIAL',
    });
    expect((await signIn('u-odd')).error).toMatch(/not a valid Rampart username/);
    expect(await graph.users.byUsername('oidc-cleo')).toBeNull();
    expect(await graph.users.byUsername('oidc-bob')).toBeNull();
  });

  it('refuses unknown and replayed state, and a callback in another browser', async () => {
    const unknown = await get(
      new URL(`${rampart}/api/auth/oidc/callback?code=abc&state=not-ours`),
      new CookieJar(),
    );
    expect(outcomeOf(unknown.headers.get('location')!).error).toBe(
      'This sign-in expired or was already used: sign in again.',
    );
    const first = await signIn('u-ana');
    expect(first.refreshToken).toBeDefined();
    const replay = await get(new URL(first.callbackUrl!), new CookieJar());
    expect(outcomeOf(replay.headers.get('location')!).error).toMatch(/expired or was already used/);
    // Someone else's finished sign-in, sent to a victim's browser (login CSRF): no cookie, refused.
    const other = await signIn('u-ana', { callbackJar: new CookieJar() });
    expect(other.error).toBe('This sign-in was started in another browser: sign in again.');
  });

  it('relays a refusal by the provider', async () => {
    const { callbackUrl } = await signIn('u-ana', { stopAtCallback: true });
    const state = new URL(callbackUrl!).searchParams.get('state');
    const res = await get(
      new URL(`${rampart}/api/auth/oidc/callback?error=access_denied&error_description=no&state=${state}`),
      new CookieJar(),
    );
    expect(outcomeOf(res.headers.get('location')!).error).toBe(
      'The identity provider refused the sign-in (access_denied).',
    );
  });

  it('refuses ID tokens for another audience, from another issuer, or signed with another key', async () => {
    try {
      // The rewriting itself is sound: the same claims re-signed with the provider's key pass.
      forge = (payload) => ({ payload, key: privateKey });
      expect((await signIn('u-ana')).refreshToken).toBeDefined();
      const cases: ((p: Record<string, unknown>) => {
        payload: Record<string, unknown>;
        key: typeof privateKey;
      })[] = [
        (p) => ({ payload: { ...p, aud: 'another-client' }, key: privateKey }),
        (p) => ({ payload: { ...p, iss: 'http://127.0.0.1:1' }, key: privateKey }),
        (p) => ({ payload: { ...p, roles: ['admin'], clearance: 'TOP_SECRET' }, key: strangerKey }),
        (p) => ({ payload: { ...p, nonce: 'another nonce' }, key: privateKey }),
        (p) => ({ payload: { ...p, exp: Math.floor(Date.now() / 1000) - 3600 }, key: privateKey }),
      ];
      for (const rewrite of cases) {
        forge = rewrite;
        expect((await signIn('u-ana')).error).toBe(
          'The answer of the identity provider could not be verified: sign in again.',
        );
      }
    } finally {
      forge = undefined;
    }
    expect((await graph.users.byUsername('oidc-ana'))!.roles).toEqual(['rse']);
  });

  it('refuses a disabled account, a local account of the same name, and another identity of the same name', async () => {
    const admin = app.get(UserAdminService);
    await admin.update('oidc-ana', { disabled: true });
    expect((await signIn('u-ana')).error).toBe(
      'Cannot sign in: the account oidc-ana is disabled in Rampart.',
    );
    await admin.update('oidc-ana', { disabled: false });
    expect((await signIn('u-ana')).refreshToken).toBeDefined();

    await admin.create({
      username: 'local-lou',
      password: 'local password 0123',
      roles: ['analyst'],
      clearance: 'OFFICIAL',
    });
    identities.set('u-lou', {
      sub: 'u-lou',
      preferred_username: 'local-lou',
      roles: ['admin'],
      clearance: 'TOP_SECRET',
    });
    expect((await signIn('u-lou')).error).toBe(
      'Cannot sign in: local-lou is a local account (signs in with a password).',
    );
    expect((await graph.users.byUsername('local-lou'))!.roles).toEqual(['analyst']);

    identities.set('u-impostor', {
      sub: 'u-impostor',
      preferred_username: 'oidc-ana',
      roles: ['admin'],
      clearance: 'TOP_SECRET',
    });
    expect((await signIn('u-impostor')).error).toBe(
      'Cannot sign in: oidc-ana is linked to another identity at the identity provider.',
    );
  });

  it('records every sign-in and refusal in the audit trail, without tokens', async () => {
    const page = await app.get(AuditService).page({ action: 'sign-in' }, 500);
    const records = page.items.map((e) => e.node);
    const through = records.filter((r) => r.operation === 'GET /api/auth/oidc/callback');
    expect(
      through.filter((r) => r.outcome === 'success' && r.actor === 'oidc-ana').length,
    ).toBeGreaterThanOrEqual(4);
    expect(through.find((r) => r.outcome === 'failure' && r.actor === 'oidc-bob')?.detail).toMatch(
      /^refused: oidc-bob has no Rampart role in claim roles from /,
    );
    expect(JSON.stringify(records)).not.toMatch(/rr_|eyJ/);
    // Each forged ID token was refused by the check meant for it.
    const reasons = through.map((r) => r.detail ?? '');
    for (const check of [
      /aud mismatch/,
      /unexpected iss/,
      /JWT signature/,
      /nonce mismatch/,
      /JWT expired/,
    ]) {
      expect({ check: String(check), found: reasons.some((d) => check.test(d)) }).toEqual({
        check: String(check),
        found: true,
      });
    }
    expect((await app.get(AuditService).verify()).ok).toBe(true);
  });

  it('is off without OIDC_ISSUER: 404 with a clear message, and the sign-in page is told', async () => {
    const config = testConfig();
    const offGraph = await openGraph(config);
    const off = await createApp({
      config: { ...config, auth: { ...config.auth, oidc: undefined } },
      graph: offGraph,
      logger: createLogger({ logLevel: 'silent' }),
    });
    await off.init();
    try {
      expect((await request(off.getHttpServer()).get('/api/auth/oidc').expect(200)).body).toEqual({
        enabled: false,
      });
      for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await request(off.getHttpServer()).get(path);
        expect([res.status, res.body.error]).toEqual([
          404,
          { code: 'NOT_FOUND', message: 'OpenID Connect sign-in is not configured' },
        ]);
      }
    } finally {
      await off.close();
    }
  });
});
