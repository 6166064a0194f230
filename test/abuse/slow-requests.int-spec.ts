import { INestApplication } from '@nestjs/common';
import { GraphContext } from '@rampart/graph';
import { session } from 'neo4j-driver';
import TestAgent from 'supertest/lib/agent';
import { NORMAL_QUERY, usualTime, whileAttacking } from '../support/abuse';
import { signedIn, startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const TIMEOUT_MS = 2000;
/** Neo4j checks transaction timeouts every 2 s (db.transaction.monitor.check.interval), plus slack. */
const ANSWERED_WITHIN_MS = TIMEOUT_MS + 2000 + 3000;
const withinUsual = (usual: number) => Math.max(5 * usual, usual + 1500);

const edit = (description: string) =>
  `mutation { updateEntity(id: "sys-crm", set: { description: "${description}" }) { id description } }`;

/**
 * Issue 19: a request within the budget that is slow anyway (here an edit waiting for a lock that
 * another client holds) answers 504 with a clear message once its transaction times out, gives its
 * connection and locks back, and does not starve other users meanwhile.
 */
describe('abuse: slow requests within the budget', () => {
  const config = testConfig();
  config.guards = { ...config.guards, rateLimitPerMinute: 0 };
  // Edits run under NEO4J_TX_TIMEOUT_MS, imports under NEO4J_IMPORT_TX_TIMEOUT_MS: both short here.
  config.neo4j = { ...config.neo4j, txTimeoutMs: TIMEOUT_MS, importTxTimeoutMs: TIMEOUT_MS };
  let app: INestApplication;
  let graph: GraphContext;
  let writer: TestAgent;
  let user: TestAgent;
  let usual: number;

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    writer = await signedIn(app, 'analyst');
    user = await signedIn(app, 'rse');
    usual = await usualTime(user);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await graph?.close();
  });

  it('answers 504 within the transaction timeout, frees its resources, and others keep working', async () => {
    // Another client (a long import, say) holds the write lock of sys-crm.
    const blocker = graph.driver.session({
      database: config.neo4j.database,
      defaultAccessMode: session.WRITE,
    });
    const tx = blocker.beginTransaction({ timeout: 60_000 });
    await tx.run("MATCH (n:Entity {id: 'sys-crm'}) SET n.heldByTest = true");
    try {
      const started = Date.now();
      const { result, slowestMs, probes } = await whileAttacking(user, () =>
        writer.post('/graphql').send({ query: edit('waits for the lock') }),
      );
      const took = Date.now() - started;
      expect(result.status).toBe(504);
      expect(result.body.errors[0]).toMatchObject({
        message: expect.stringMatching(/took longer than the transaction timeout/),
        extensions: { code: 'TIMEOUT' },
      });
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS);
      expect(took).toBeLessThan(ANSWERED_WITHIN_MS);
      expect(probes).toBeGreaterThan(1);
      expect(slowestMs).toBeLessThan(withinUsual(usual));
    } finally {
      await tx.rollback();
      await blocker.close();
    }
    // Its locks and connection were given back: the same edit goes through at once now.
    const again = await writer.post('/graphql').send({ query: edit('after the lock') });
    expect(again.status).toBe(200);
    expect(again.body.data.updateEntity.description).toBe('after the lock');
    expect((await user.post('/graphql').send({ query: NORMAL_QUERY })).status).toBe(200);
  });

  it('keeps answering everyone while several such requests wait at once', async () => {
    const blocker = graph.driver.session({
      database: config.neo4j.database,
      defaultAccessMode: session.WRITE,
    });
    const tx = blocker.beginTransaction({ timeout: 60_000 });
    await tx.run("MATCH (n:Entity {id: 'sys-crm'}) SET n.heldByTest = true");
    try {
      const { result, slowestMs } = await whileAttacking(user, () =>
        Promise.all(
          Array.from({ length: 8 }, (_, i) => writer.post('/graphql').send({ query: edit(`waiting ${i}`) })),
        ),
      );
      expect(result.map((r) => r.status)).toEqual(Array(8).fill(504));
      expect(slowestMs).toBeLessThan(withinUsual(usual));
    } finally {
      await tx.rollback();
      await blocker.close();
    }
    expect((await user.post('/graphql').send({ query: NORMAL_QUERY })).status).toBe(200);
  });
});
