import { INestApplication } from '@nestjs/common';
import { AppConfig, OidcConfig, ReportSchedule } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import { ReportScheduler } from '@rampart/reporting';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { CookieJar } from '../support/cookie-jar';
import { FakeOidcProvider, startFakeOidcProvider } from '../support/fake-oidc-provider';
import { freePort } from '../support/free-port';
import { TEST_PASSWORD, signInAs, startDemoApp } from '../support/test-app';
import { openGraph, testConfig } from '../support/test-graph';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rate limits count in minutes of the clock: a check must not straddle two. */
async function awayFromMinuteEnd(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 15_000) await sleep(left + 200);
}

// Issue 21: two API instances on one Neo4j, as behind a load balancer. Everything that must agree
// lives in Neo4j: sign-in locks, the request rate limit, OpenID Connect sign-ins in progress,
// ended sign-ins, and the lease that lets one instance run a schedule's due time. Each check goes
// through one instance and looks through the other; kept in each process's memory, as before,
// every one of them fails.
describe('two API instances on one database', () => {
  const base = testConfig();
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-scale-out-')), 'reports');
  const schedule: ReportSchedule = {
    cron: '0 6 * * MON',
    report: 'uncovered',
    format: 'json',
    clearance: 'TOP_SECRET',
    entry: '0 6 * * MON uncovered json TOP_SECRET',
  };
  let idp: FakeOidcProvider;
  let graph: GraphContext;
  let a: INestApplication;
  let b: INestApplication;
  let urlA: string;
  let urlB: string;
  const http = (app: INestApplication) => request(app.getHttpServer());

  const instanceConfig = (oidc?: OidcConfig, rateLimitPerMinute = 0): AppConfig => ({
    ...base,
    // Analytics outside a request would trust their graph this long; a request reads the version.
    graphRecheckMs: 60_000,
    guards: { ...base.guards, rateLimitPerMinute, signInMaxFailures: 3, signInMaxFailuresPerAddress: 4 },
    auth: { ...base.auth, oidc },
    reports: { ...base.reports, dir, schedules: [schedule] },
  });

  /** Another instance: its own app and its own driver on the same Neo4j. */
  async function instance(config: AppConfig): Promise<INestApplication> {
    const app = await createApp({
      config,
      graph: await openGraph(config),
      logger: createLogger({ logLevel: 'silent' }),
    });
    await app.init();
    return app;
  }

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
    const [portA, portB] = [await freePort(), await freePort()];
    [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    // One public callback address for both, as behind a load balancer (here: instance A's).
    const callback = `${urlA}/api/auth/oidc/callback`;
    idp = await startFakeOidcProvider([callback]);
    const oidc: OidcConfig = {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      redirectUri: callback,
      scopes: ['openid', 'profile'],
      usernameClaim: 'preferred_username',
      rolesClaim: 'roles',
      clearanceClaim: 'clearance',
      roleMap: {},
    };
    ({ app: a, graph } = await startDemoApp(instanceConfig(oidc)));
    await a.listen(portA, '127.0.0.1');
    b = await instance(instanceConfig(oidc));
    await b.listen(portB, '127.0.0.1');
  }, 180_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await idp?.close();
    jest.restoreAllMocks();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  // Each check starts from no counters, no pending sign-ins and no leases.
  beforeEach(() => graph.sharedState.deleteAll());

  it('a username locked through one instance is locked on the other', async () => {
    const { username } = await signInAs(a, 'analyst');
    const login = (app: INestApplication, password: string) =>
      http(app).post('/api/auth/login').send({ username, password });
    // Three failures (the limit), spread over both instances: neither saw three itself.
    expect((await login(a, 'wrong guess 1xx')).status).toBe(401);
    expect((await login(b, 'wrong guess 2xx')).status).toBe(401);
    expect((await login(a, 'wrong guess 3xx')).status).toBe(401);
    for (const app of [b, a]) {
      const locked = await login(app, TEST_PASSWORD);
      expect([locked.status, locked.body.error?.code]).toEqual([429, 'RATE_LIMITED']);
    }
  });

  it('an address locked through one instance is locked on the other', async () => {
    const { username } = await signInAs(a, 'rse');
    for (let i = 0; i < 4; i++) {
      const res = await http(i % 2 ? a : b)
        .post('/api/auth/login')
        .send({ username: `guess-${i}`, password: 'not the password' });
      expect(res.status).toBe(401);
    }
    for (const app of [a, b]) {
      const res = await http(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD });
      expect(res.status).toBe(429);
    }
  });

  it('counts the request rate limit across both instances', async () => {
    // Two more instances limited to 8 requests a minute.
    await awayFromMinuteEnd();
    const [c, d] = [
      await instance(instanceConfig(undefined, 8)),
      await instance(instanceConfig(undefined, 8)),
    ];
    try {
      const hit = async (app: INestApplication) => (await http(app).get('/api/auth/oidc')).status;
      // What each instance accepted reaches Neo4j within a quarter second (RequestRateLimiter).
      const settle = () => sleep(700);
      for (let i = 0; i < 5; i++) expect(await hit(c)).toBe(200);
      await settle();
      expect(await hit(d)).toBe(200); // the 6th: d has not heard of c's five yet
      await settle(); // now it has
      expect([await hit(d), await hit(d)]).toEqual([200, 200]); // the 7th and 8th
      expect(await hit(d)).toBe(429);
      // c last heard 5: it may let one through before its next flush tells it the total.
      const fromC = [await hit(c)];
      await settle();
      fromC.push(await hit(c));
      expect(fromC.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
      expect(fromC[1]).toBe(429);
    } finally {
      await d.close();
      await c.close();
    }
  });

  it('behind a load balancer counts each client apart, by X-Forwarded-For only when told to trust it', async () => {
    await awayFromMinuteEnd();
    const behindBalancer = { ...instanceConfig(undefined, 2) };
    behindBalancer.guards = { ...behindBalancer.guards, trustProxyHops: 1 };
    const [lb, direct] = [await instance(behindBalancer), await instance(instanceConfig(undefined, 2))];
    try {
      const hit = async (app: INestApplication, client: string) =>
        (await http(app).get('/api/auth/oidc').set('x-forwarded-for', client)).status;
      // Every request comes from the balancer's address (here 127.0.0.1); the client is named.
      expect([
        await hit(lb, '203.0.113.7'),
        await hit(lb, '203.0.113.7'),
        await hit(lb, '203.0.113.7'),
      ]).toEqual([200, 200, 429]);
      expect(await hit(lb, '203.0.113.8')).toBe(200);
      // Not trusted: a client naming another address is still counted as itself.
      expect([await hit(direct, '198.51.100.1'), await hit(direct, '198.51.100.2')]).toEqual([200, 200]);
      expect(await hit(direct, '198.51.100.3')).toBe(429);
    } finally {
      await direct.close();
      await lb.close();
    }
  });

  it('finishes an OpenID Connect sign-in on the instance the browser comes back to, once', async () => {
    idp.identities.set('u-ada', {
      sub: 'u-ada',
      preferred_username: 'oidc-ada',
      roles: ['analyst'],
      clearance: 'SECRET',
    });
    idp.loginAs('u-ada');
    const jar = new CookieJar();
    // Started on A; the provider sends the browser back to the public callback, which the load
    // balancer hands to B.
    let url = new URL(`${urlA}/api/auth/oidc/login`);
    let callback: URL | undefined;
    let done: string | undefined;
    for (let hop = 0; hop < 12 && !done; hop++) {
      if (url.pathname === '/api/auth/oidc/callback') {
        url = new URL(url.pathname + url.search, urlB);
        callback = url;
      }
      const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
      jar.store(url, res.headers.getSetCookie());
      const location = res.headers.get('location');
      if (!location) throw new Error(`${url} answered ${res.status} without a redirect`);
      if (location.startsWith('/#')) done = location;
      else url = new URL(location, url);
    }
    expect(callback?.origin).toBe(urlB);
    expect(done).toMatch(/^\/#oidc=rr_/);
    const refreshToken = decodeURIComponent(done!.slice('/#oidc='.length));
    const pair = await http(a).post('/api/auth/refresh').send({ refreshToken }).expect(200);
    const me = await http(a).get('/api/auth/me').set('authorization', `Bearer ${pair.body.accessToken}`);
    expect(me.body).toMatchObject({ username: 'oidc-ada', roles: ['analyst'], clearance: 'SECRET' });
    // The same callback replayed on A finds the sign-in used.
    const replay = await fetch(new URL(callback!.pathname + callback!.search, urlA), {
      redirect: 'manual',
      headers: { cookie: jar.header(callback!) },
    });
    expect(decodeURIComponent(replay.headers.get('location') ?? '')).toMatch(
      /^\/#oidc-error=This sign-in expired or was already used/,
    );
  });

  it('a sign-out or a disabled account on one instance ends the sign-in on the other', async () => {
    const { username } = await signInAs(a, 'auditor');
    const login = async () =>
      (await http(a).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200))
        .body as {
        accessToken: string;
        refreshToken: string;
      };
    const me = (app: INestApplication, token: string) =>
      http(app).get('/api/auth/me').set('authorization', `Bearer ${token}`);
    const first = await login();
    expect((await me(b, first.accessToken)).status).toBe(200);
    await http(b).post('/api/auth/logout').send({ refreshToken: first.refreshToken }).expect(204);
    expect((await me(a, first.accessToken)).status).toBe(401);
    expect((await http(a).post('/api/auth/refresh').send({ refreshToken: first.refreshToken })).status).toBe(
      401,
    );

    const second = await login();
    expect((await me(a, second.accessToken)).status).toBe(200);
    const admin = await signInAs(b, 'admin');
    const disabled = await http(b)
      .post('/graphql')
      .set('authorization', `Bearer ${admin.accessToken}`)
      .send({ query: `mutation { disableUser(username: "${username}") { username } }` });
    expect(disabled.body.errors).toBeUndefined();
    expect((await me(a, second.accessToken)).status).toBe(401);
    expect((await http(a).post('/api/auth/refresh').send({ refreshToken: second.refreshToken })).status).toBe(
      401,
    );
  });

  it("an edit through one instance shows in the other's analytics at once (the version read with the token)", async () => {
    const admin = await signInAs(a, 'admin');
    const gql = async (app: INestApplication, query: string, variables: Record<string, unknown> = {}) => {
      const res = await http(app)
        .post('/graphql')
        .set('authorization', `Bearer ${admin.accessToken}`)
        .send({ query, variables });
      expect(res.body.errors).toBeUndefined();
      return res.body.data;
    };
    // The badge-door control protects the HQ's first floor: its coverage lists the control by name.
    const names = async () =>
      (
        await gql(b, '{ coverage(assetId: "fac-hq-f1") { domains { controls { id name } } } }')
      ).coverage.domains.flatMap((d: { controls: { id: string; name: string }[] }) =>
        d.controls.filter((c) => c.id === 'ctl-hq-badge-doors').map((c) => c.name),
      ) as string[];
    const EDIT = 'mutation($id: ID!, $set: JSONObject) { updateEntity(id: $id, set: $set) { id } }';
    const [before] = await names(); // B's attack graph is loaded now, trusted for a minute
    expect(before).toBeTruthy();
    await gql(a, EDIT, { id: 'ctl-hq-badge-doors', set: { name: 'Badge doors (renamed through A)' } });
    try {
      expect(await names()).toContain('Badge doors (renamed through A)');
    } finally {
      await gql(a, EDIT, { id: 'ctl-hq-badge-doors', set: { name: before } });
    }
    expect(await names()).toContain(before);
  });

  it('runs a schedule once per due time across both instances', async () => {
    const at = new Date(2026, 10, 23, 6, 0); // a Monday, 06:00
    // Suites share the database, and other suites' schedules ran at this time too: count the new ones.
    const scheduledRuns = async () =>
      (await graph.reportRuns.list('uncovered', 10_000)).filter(
        (r) => r.trigger === 'schedule' && r.generatedAt === at.toISOString(),
      ).length;
    const before = await scheduledRuns();
    const files = await Promise.all([a, b, a, b].map((app) => app.get(ReportScheduler).runDue(at)));
    expect(files.flat()).toHaveLength(1);
    expect((await scheduledRuns()) - before).toBe(1);
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });
});
