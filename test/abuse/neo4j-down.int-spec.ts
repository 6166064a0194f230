import { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig, loadConfig } from '@rampart/config';
import { GraphContext, createGraphContext, graphOptionsFrom } from '@rampart/graph';
import { loadDemoIfEmpty } from '@rampart/interchange';
import request from 'supertest';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { NORMAL_QUERY, timedNormalQuery } from '../support/abuse';
import { OwnNeo4j, ownNeo4j, requireBuilt, sleep } from '../support/abuse-processes';
import { freePort } from '../support/free-port';
import { signInAs } from '../support/test-app';
import { TEST_JWT_SECRET, connectionOf } from '../support/test-graph';

interface Answer {
  what: string;
  status: number;
  ms: number;
  code?: string;
}

/**
 * 503 with DATABASE_UNAVAILABLE over REST; over GraphQL the error code SERVICE_UNAVAILABLE (the
 * HTTP status is the GraphQL error-status plugin's business: 503 once it applies, else 200).
 */
function unavailable(a: Answer, withinMs: number) {
  const rest = a.status === 503 && a.code === 'DATABASE_UNAVAILABLE';
  const gql = [200, 503].includes(a.status) && a.code === 'SERVICE_UNAVAILABLE';
  return { what: a.what, unavailable: rest || gql, inTime: a.ms <= withinMs };
}

/** The requests a user sends, signed in, each timed; none may hang. */
function everyKindOfRequest(app: INestApplication, token: string): Promise<Answer>[] {
  const http = () => request(app.getHttpServer());
  const timed = async (what: string, send: () => Promise<request.Response>): Promise<Answer> => {
    const started = Date.now();
    const res = await send();
    const code = res.body?.error?.code ?? res.body?.errors?.[0]?.extensions?.code;
    return { what, status: res.status, ms: Date.now() - started, code };
  };
  const bearer = `Bearer ${token}`;
  return [
    timed('GraphQL query', () =>
      http().post('/graphql').set('authorization', bearer).send({ query: NORMAL_QUERY }),
    ),
    timed('REST read', () => http().get('/api/organizations').set('authorization', bearer)),
    timed('export', () => http().get('/api/export?format=json').set('authorization', bearer)),
    timed('mutation', () =>
      http()
        .post('/graphql')
        .set('authorization', bearer)
        .send({ query: 'mutation { deleteEntity(id: "nobody") { id } }' }),
    ),
    timed('sign-in', () =>
      http()
        .post('/api/auth/login')
        .send({ username: 'test-admin', password: 'x'.repeat(12) }),
    ),
  ];
}

// Issue 19: with Neo4j down, requests hung ~30 s before 503 and readiness timed out. Now every
// request answers 503 within 2 s, readiness says "not ready" within 1 s, and once Neo4j is back
// requests succeed again without a restart. Runs on a Neo4j of its own, stopped and restarted.
describe('abuse: Neo4j down', () => {
  let dataDir: string;
  let neo4j: OwnNeo4j;
  let config: AppConfig;
  let graph: GraphContext;
  let app: INestApplication;
  let token: string;
  const http = () => request(app.getHttpServer());
  const ready = async () => {
    const started = Date.now();
    const res = await http().get('/health/ready');
    return { status: res.status, body: res.body, ms: Date.now() - started };
  };

  beforeAll(async () => {
    requireBuilt();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-abuse-neo4j-'));
    neo4j = await ownNeo4j(await freePort(), dataDir);
    config = loadConfig({
      ...process.env,
      RAMPART_JWT_SECRET: TEST_JWT_SECRET,
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: neo4j.password,
    });
    graph = await createGraphContext(graphOptionsFrom(config, connectionOf(config)));
    await graph.schema.apply();
    await loadDemoIfEmpty(graph, config.demoFile);
    app = await createApp({ config, graph, logger: createLogger({ logLevel: 'silent' }) });
    await app.init();
    ({ accessToken: token } = await signInAs(app, 'admin'));
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await neo4j?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers every request 503 within 2 s and readiness within 1 s, then recovers without a restart', async () => {
    const agent = request.agent(app.getHttpServer()).set('authorization', `Bearer ${token}`);
    await timedNormalQuery(agent);
    expect((await ready()).status).toBe(200);

    await neo4j.stop();

    // The first wave meets a driver that does not know yet: each still answers within 2 s, and
    // readiness asked meanwhile within 1 s.
    const [first, readiness] = await Promise.all([Promise.all(everyKindOfRequest(app, token)), ready()]);
    for (const a of first)
      expect(unavailable(a, 2000)).toEqual({ what: a.what, unavailable: true, inTime: true });
    expect([readiness.status, readiness.body.status, readiness.ms <= 1000]).toEqual([503, 'not ready', true]);

    // Known down now: every request fails at once, and says when to try again.
    const second = await Promise.all(everyKindOfRequest(app, token));
    for (const a of second)
      expect(unavailable(a, 500)).toEqual({ what: a.what, unavailable: true, inTime: true });
    const rest = await agent.get('/api/organizations');
    expect(Number(rest.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const again = await ready();
    expect([again.status, again.ms <= 1000]).toEqual([503, true]);
    expect(again.body.error).toMatch(/unreachable since/);
    // The process itself still serves.
    expect((await http().get('/health')).body).toEqual({ status: 'ok' });

    await neo4j.start();
    // Back without a restart: within NEO4J_DOWN_RECHECK_MS (1 s) of Neo4j answering, plus a
    // first connection; a freshly started Neo4j is cold, so the analytics query gets no deadline.
    const back = Date.now();
    let me = await agent.get('/api/auth/me');
    while (me.status !== 200 && Date.now() - back < 10_000) {
      await sleep(100);
      me = await agent.get('/api/auth/me');
    }
    expect(me.status).toBe(200);
    expect(Date.now() - back).toBeLessThan(5000);
    expect((await ready()).status).toBe(200);
    const res = await agent.post('/graphql').send({ query: NORMAL_QUERY });
    expect([res.status, res.body.errors]).toEqual([200, undefined]);
  }, 180_000);

  it('answers readiness within 1 s while Neo4j hangs (frozen, accepting but silent)', async () => {
    const jvm = neo4j.jvmPid();
    process.kill(jvm, 'SIGSTOP');
    try {
      const answers = await Promise.all([ready(), ready(), ready()]);
      for (const r of answers) {
        expect([r.status, r.body.status, r.ms <= 1000]).toEqual([503, 'not ready', true]);
      }
      expect(answers[0].body.error).toMatch(/did not answer within 500 ms/);
    } finally {
      process.kill(jvm, 'SIGCONT');
    }
    let r = await ready();
    for (const until = Date.now() + 10_000; r.status !== 200 && Date.now() < until; r = await ready()) {
      await sleep(100);
    }
    expect(r.status).toBe(200);
  }, 60_000);
});
