import { INestApplication, Logger } from '@nestjs/common';
import { AppConfig } from '@rampart/config';
import { GraphContext } from '@rampart/graph';
import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { TEST_PASSWORD, authed, signInAs } from '../support/test-app';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

// Issue 8, guards: headers, CORS, rate limits, sign-in throttling, GraphQL limits, body limits,
// production GraphQL settings, and no secret in the logs; each app built with its own limits.
describe('HTTP guards', () => {
  const base = testConfig();
  let graph: GraphContext;
  const apps: INestApplication[] = [];
  let logs: string[] = [];

  async function start(change: (c: AppConfig) => AppConfig = (c) => c): Promise<INestApplication> {
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'info', redact: ['req.headers.authorization'] }, sink);
    // Counters live in Neo4j, shared by every app on it: each app here starts from none.
    await graph.sharedState.deleteAll();
    const app = await createApp({ config: change(base), graph, logger });
    await app.init();
    apps.push(app);
    return app;
  }
  const guards = (g: Partial<AppConfig['guards']>) => (c: AppConfig) => ({
    ...c,
    guards: { ...c.guards, ...g },
  });

  beforeAll(async () => {
    graph = await openGraph(base);
    await freshDemo(graph, base);
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await graph?.close();
  });
  // Nest's Logger (the app's own messages) is not routed to a test's pino sink: read it here.
  let warnings: string[] = [];
  beforeEach(() => {
    logs = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((m: unknown) => void warnings.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('sends security headers and no CORS grant unless origins are configured', async () => {
    const app = await start();
    const ui = await request(app.getHttpServer()).get('/health');
    expect(ui.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(ui.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(ui.headers['x-content-type-options']).toBe('nosniff');
    expect(ui.headers['x-powered-by']).toBeUndefined();
    expect(ui.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    const preflight = await request(app.getHttpServer())
      .options('/graphql')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    const cors = await start((c) => guards({ corsOrigins: ['https://ui.example.org'] })(c));
    const ok = await request(cors.getHttpServer())
      .options('/graphql')
      .set('origin', 'https://ui.example.org')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(ok.headers['access-control-allow-origin']).toBe('https://ui.example.org');
    expect(ok.headers['access-control-allow-headers']).toMatch(/authorization/);
    const evil = await request(cors.getHttpServer())
      .options('/graphql')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits requests per address: 429 with Retry-After, as a GraphQL error on /graphql', async () => {
    const app = await start(guards({ rateLimitPerMinute: 5 }));
    const server = app.getHttpServer();
    for (let i = 0; i < 5; i++) await request(server).post('/graphql').send({ query: '{ me { id } }' });
    const refused = await request(server).post('/graphql').send({ query: '{ me { id } }' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Too many requests: at most 5 a minute/),
      extensions: { code: 'RATE_LIMITED' },
    });
    expect((await request(server).get('/api/organizations')).body.error.code).toBe('RATE_LIMITED');
    await request(server).get('/health').expect(200);
    expect(logs.join('')).toMatch(/Rate limit reached/);
  });

  it('locks a username after repeated failed sign-ins (429, even with the right password), logged without passwords', async () => {
    const app = await start(guards({ signInMaxFailures: 3, signInMaxFailuresPerAddress: 100 }));
    const { username } = await signInAs(app, 'analyst');
    const login = (password: string, user = username) =>
      request(app.getHttpServer()).post('/api/auth/login').send({ username: user, password });
    for (let i = 0; i < 3; i++) expect((await login(`wrong guess ${i}xx`)).status).toBe(401);
    const locked = await login(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(locked.body.error).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Too many failed sign-ins: try again in 15 minutes.',
    });
    // Unknown usernames are counted alike (a lock tells nothing about existence); others sign in.
    for (let i = 0; i < 4; i++) await login('wrong guess', 'nobody-at-all');
    expect((await login('wrong guess', 'nobody-at-all')).status).toBe(429);
    const other = await signInAs(app, 'auditor');
    expect((await login(TEST_PASSWORD, other.username)).status).toBe(200);
    const text = [...logs, ...warnings].join('\n');
    expect(text).toMatch(new RegExp(`Sign-in locked for username ${username} after 3 failures`));
    expect(text).toMatch(/Failed sign-in for test-analyst from/);
    expect(text).not.toMatch(/wrong guess|test-only password/);
  });

  it('locks an address guessing many usernames', async () => {
    const app = await start(guards({ signInMaxFailures: 100, signInMaxFailuresPerAddress: 4 }));
    for (let i = 0; i < 4; i++) {
      await request(app.getHttpServer())
        .post('/api/auth/login')
        .send({ username: `guess-${i}`, password: 'not the password' })
        .expect(401);
    }
    const { username } = await signInAs(app, 'rse');
    const res = await request(app.getHttpServer())
      .post('/api/auth/login')
      .send({ username, password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(warnings.join('\n')).toMatch(/Sign-in locked for address .* after 4 failures/);
  });

  it('refuses GraphQL operations nested too deep or too costly, before running them', async () => {
    const app = await start();
    const { accessToken } = await signInAs(app);
    const gql = (query: string) => authed(app, accessToken).post('/graphql').send({ query });
    const nest = (n: number): string =>
      n === 0 ? 'id' : `id relationships(first: 2) { node { ${nest(n - 1)} } }`;
    const deep = await gql(`{ entity(id: "sys-crm") { ${nest(6)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors[0]).toMatchObject({
      message: 'The query nests 14 levels deep; the limit is 12. Ask for fewer nested levels, or split it.',
      extensions: { code: 'QUERY_TOO_COMPLEX' },
    });
    const wide = await gql(
      '{ assets(first: 500) { edges { node { relationships(first: 1000) { node { id } } } } } }',
    );
    expect(wide.status).toBe(400);
    expect(wide.body.errors[0].message).toMatch(
      /^The query could resolve about \d+ fields; the limit is 250000\. Ask for smaller pages/,
    );
    const fine = await gql(`{ entity(id: "sys-crm") { ${nest(5)} } }`);
    expect(fine.body.errors).toBeUndefined();
  });

  it('answers 413 naming the limit, with the larger import limit on imports, and 400 for broken JSON', async () => {
    const app = await start((c) => ({ ...c, bodyLimit: '2kb', importBodyLimit: '4kb' }));
    const { accessToken } = await signInAs(app);
    const server = app.getHttpServer();
    const big = await request(server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(3000)}` }));
    expect(big.status).toBe(413);
    expect(big.body.errors[0]).toEqual({
      message: 'The request body is larger than the limit of 2kb (RAMPART_BODY_LIMIT).',
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    // 3 kB passes the import's own limit (then fails as YAML), 5 kB does not.
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/yaml' };
    const medium = await request(server)
      .post('/api/import')
      .set(auth)
      .send(`# ${'x'.repeat(3000)}\n`);
    expect(medium.status).not.toBe(413);
    const huge = await request(server)
      .post('/api/import')
      .set(auth)
      .send(`# ${'x'.repeat(5000)}\n`);
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toBe(
      'The request body is larger than the limit of 4kb (RAMPART_IMPORT_BODY_LIMIT).',
    );
    const broken = await request(server)
      .post('/graphql')
      .set('content-type', 'application/json')
      .send('{"query": ');
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].extensions.code).toBe('MALFORMED_BODY');
  });

  it('in production: no introspection, no landing page, no field suggestions; tokens never logged', async () => {
    const app = await start((c) => ({ ...c, env: 'production' }));
    const { accessToken } = await signInAs(app);
    const gql = (query: string) => authed(app, accessToken).post('/graphql').send({ query });
    const intro = await gql('{ __schema { types { name } } }');
    expect(intro.body.errors[0].message).toMatch(/introspection/i);
    const typo = await gql('{ organisations { id } }');
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    const landing = await request(app.getHttpServer()).get('/graphql').set('accept', 'text/html');
    expect(landing.text).not.toMatch(/playground|sandbox/i);
    expect(logs.join('')).not.toContain(accessToken);
    const dev = await start();
    const devTypo = await authed(dev, accessToken)
      .post('/graphql')
      .send({ query: '{ organisations { id } }' });
    expect(devTypo.body.errors[0].message).toMatch(/Did you mean "organizations"/);
  });
});
