import { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { AuditRecord } from '@rampart/domain';
import { GraphContext } from '@rampart/graph';
import { usualTime, whileAttacking } from '../support/abuse';
import {
  CLI_MAIN,
  ROOT,
  childEnv,
  exited,
  generatedFile,
  requireBuilt,
  sleep,
  whenTransactionRuns,
} from '../support/abuse-processes';
import { authed, signInAs, startDemoApp } from '../support/test-app';
import { TEST_JWT_SECRET, testConfig } from '../support/test-graph';
import { driverSession } from '../support/raw-session';

/** "Within its usual time" on a noisy 2-core machine: a generous allowance, not a benchmark. */
const allowance = (usualMs: number) => usualMs * 4 + 2000;

/** Large enough that its one write transaction runs for seconds. */
const PEOPLE = 2000;

// Issue 19: an interrupted import left no audit entry. Now an import whose client disconnects, or
// whose CLI gets SIGTERM, stops (its transaction rolls back) and is recorded as an interrupted
// failure; the graph is as before and the service keeps serving.
describe('abuse: an import interrupted', () => {
  const config = testConfig();
  let app: INestApplication;
  let graph: GraphContext;
  let token: string;
  let port: number;

  beforeAll(async () => {
    requireBuilt();
    ({ app, graph } = await startDemoApp(config));
    ({ accessToken: token } = await signInAs(app, 'admin'));
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const recordsWhere = async (match: (r: AuditRecord) => boolean, timeoutMs = 20_000) => {
    for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(200)) {
      const found = (await graph.audit.page({}, 50, null)).filter(match);
      if (found.length) return found;
    }
    return [];
  };
  const organizationExists = async (id: string) => (await graph.organizations.get(id)) !== null;
  /** What an interrupted staged import committed before the signal: dropped (no reader saw it). */
  const stagedLeft = () =>
    driverSession(config, async (s) => {
      const r = await s.run(
        'RETURN COUNT { (n:Entity) WHERE n.stage IS NOT NULL } + COUNT { (:ImportStage) } AS left',
      );
      return (r.records[0].get('left') as { toNumber(): number }).toNumber();
    });

  it('records an import whose client disconnects mid-import as an interrupted failure; nothing is written', async () => {
    const orgId = 'org-abuse-client-gone';
    const { text } = generatedFile(PEOPLE, orgId);
    const normal = authed(app, token);
    const usual = await usualTime(normal);
    const requestId = `abuse-client-gone-${Date.now()}`;

    const { slowestMs } = await whileAttacking(normal, async () => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/import?filename=${orgId}.json`,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': requestId,
        },
      });
      req.on('error', () => undefined); // the abort below
      req.end(text);
      // A first import: staged, a transaction per batch.
      await whenTransactionRuns(config, 'import/stage-nodes');
      req.destroy();
    });

    const [record] = await recordsWhere((r) => r.requestId === requestId);
    expect(record).toMatchObject({
      action: 'graph:import',
      operation: 'POST /api/import',
      outcome: 'failure',
      detail: expect.stringMatching(
        /^Interrupted \(the client disconnected\): its transaction was rolled back/,
      ),
    });
    expect(await organizationExists(orgId)).toBe(false);
    expect(await stagedLeft()).toBe(0);
    expect(slowestMs).toBeLessThanOrEqual(allowance(usual));
    // Still serving.
    expect((await normal.get('/api/organizations')).status).toBe(200);
  }, 120_000);

  it('records an import whose CLI gets SIGTERM as an interrupted failure; nothing is written', async () => {
    const orgId = 'org-abuse-cli-killed';
    const { file } = generatedFile(PEOPLE, orgId);
    const cli = spawn(process.execPath, [CLI_MAIN, 'import', file], {
      cwd: ROOT,
      env: childEnv({
        NEO4J_URI: process.env.NEO4J_URI!,
        NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
        NEO4J_PASSWORD: process.env.NEO4J_PASSWORD!,
        RAMPART_JWT_SECRET: TEST_JWT_SECRET,
      }),
    });
    let stderr = '';
    cli.stderr.on('data', (d) => (stderr += d));
    const code = exited(cli);
    // A first import: staged, a transaction per batch.
    await whenTransactionRuns(config, 'import/stage-nodes');
    cli.kill('SIGTERM');

    expect(await code).toBe(1);
    expect(stderr).toMatch(/SIGTERM: interrupting rampart import .* and recording it/);
    expect(stderr).toMatch(/rampart: Interrupted \(SIGTERM received\): its transaction was rolled back/);
    const [record] = await recordsWhere(
      (r) => r.actor.startsWith('cli:') && r.operation === `rampart import ${file}`,
    );
    expect(record).toMatchObject({
      action: 'graph:import',
      outcome: 'failure',
      target: `${orgId}.json`,
      detail: expect.stringMatching(/^Interrupted \(SIGTERM received\)/),
    });
    expect(await organizationExists(orgId)).toBe(false);
    expect(await stagedLeft()).toBe(0);
  }, 120_000);
});
