import { ChildProcess, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { GraphContext } from '@rampart/graph';
import {
  APP_MAIN,
  alive,
  childEnv,
  exited,
  generatedFile,
  refuses,
  requireBuilt,
  sleep,
  startNode,
  whenTransactionRuns,
} from '../support/abuse-processes';
import { freePort } from '../support/free-port';
import { TEST_PASSWORD, signInAs, startDemoApp } from '../support/test-app';
import { TEST_JWT_SECRET, testConfig } from '../support/test-graph';

const ADMIN_PASSWORD = 'abuse-admin-password-19';

/** A request sent with fetch, timed; resolves with its status, or with the error that cut it. */
async function timedFetch(url: string, init: RequestInit): Promise<{ status: number | string; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - started };
  } catch (e) {
    return { status: String((e as Error).cause ?? e), ms: Date.now() - started };
  }
}

async function signIn(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

// Issue 19: SIGTERM did not drain in-flight requests. Now it stops accepting connections, lets
// requests in flight finish within RAMPART_SHUTDOWN_GRACE_MS, cuts (and records) what is left
// beyond it, closes the driver, stops the Neo4j it started, and exits 0.
describe('abuse: SIGTERM during requests in flight', () => {
  let child: ChildProcess | undefined;
  const dirs: string[] = [];
  beforeAll(() => requireBuilt());
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('finishes requests in flight within the grace, refuses new connections, exits 0 and stops its Neo4j', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-abuse-shutdown-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = childEnv({
      PORT: String(port),
      NEO4J_PASSWORD: 'abuse-shutdown-pw',
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_DATA_DIR: dataDir,
      NEO4J_LOCAL_HEAP_MB: '1024',
      NEO4J_LOCAL_PAGECACHE_MB: '256',
      RAMPART_SECRET_FILE: path.join(dataDir, 'jwt-secret'),
      RAMPART_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RAMPART_SHUTDOWN_GRACE_MS: '60000',
    });
    const app = await startNode([APP_MAIN, '--demo'], env, /Rampart is up/);
    child = app.proc;
    const jvm = execFileSync('ps', ['-o', 'pid=', '--ppid', String(app.proc.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number)
      .filter(Boolean);
    expect(jvm).toHaveLength(1);
    const token = await signIn(base, 'admin', ADMIN_PASSWORD);
    const auth = { authorization: `Bearer ${token}` };
    const { text } = generatedFile(400, 'org-abuse-drain');

    const inFlight = [
      timedFetch(`${base}/api/import?filename=org-abuse-drain.json`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: text,
      }),
      timedFetch(`${base}/api/export?format=json`, { headers: auth }),
      timedFetch(`${base}/graphql`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ posture { assets criticalAssets findings } }' }),
      }),
    ];
    await sleep(300);
    const code = exited(app.proc);
    app.proc.kill('SIGTERM');
    await sleep(300);
    // No new connection once it stops; those in flight still get their answers.
    expect(await refuses(port)).toBe(true);
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // In flight across the SIGTERM (sent 300 ms before it), and done within the grace.
    expect(Math.max(...answers.map((a) => a.ms))).toBeGreaterThan(600);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(60_000);

    expect(await code).toBe(0);
    expect(alive(jvm[0])).toBe(false);
    expect(app.output()).toMatch(/Every request in flight finished/);
    child = undefined;
  }, 240_000);

  describe('past the grace, on a Neo4j it did not start', () => {
    const config = testConfig();
    let app: INestApplication;
    let graph: GraphContext;
    let username: string;
    beforeAll(async () => {
      // The demo and a test account on the test run's Neo4j; the app under test is a process.
      ({ app, graph } = await startDemoApp(config));
      ({ username } = await signInAs(app, 'admin'));
    }, 120_000);
    afterAll(async () => {
      await app?.close();
    });

    it('cuts an import still running, records it as interrupted, and still exits 0', async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const proc = await startNode(
        [APP_MAIN],
        childEnv({
          PORT: String(port),
          NEO4J_URI: process.env.NEO4J_URI!,
          NEO4J_USER: process.env.NEO4J_USER ?? 'neo4j',
          NEO4J_PASSWORD: process.env.NEO4J_PASSWORD!,
          RAMPART_JWT_SECRET: TEST_JWT_SECRET,
          RAMPART_SHUTDOWN_GRACE_MS: '500',
        }),
        /Rampart is up/,
      );
      child = proc.proc;
      const token = await signIn(base, username, TEST_PASSWORD);
      const orgId = 'org-abuse-cut';
      const { text } = generatedFile(2000, orgId);
      const requestId = `abuse-cut-${Date.now()}`;
      const cut = timedFetch(`${base}/api/import?filename=${orgId}.json`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-request-id': requestId,
        },
        body: text,
      });
      // A first import: staged, a transaction per batch.
      await whenTransactionRuns(config, 'import/stage-nodes');
      const started = Date.now();
      const code = exited(proc.proc);
      proc.proc.kill('SIGTERM');

      expect(await code).toBe(0);
      // The grace, then the interrupted import rolls back and appends its record.
      expect(Date.now() - started).toBeLessThan(500 + 8000);
      expect(typeof (await cut).status).toBe('string'); // the connection was cut
      expect(proc.output()).toMatch(/cutting them; 1 audited operation\(s\) interrupted/);
      child = undefined;

      const [record] = (await graph.audit.page({}, 50, null)).filter((r) => r.requestId === requestId);
      expect(record).toMatchObject({
        action: 'graph:import',
        outcome: 'failure',
        detail: expect.stringMatching(
          /^Interrupted \(Rampart shut down: RAMPART_SHUTDOWN_GRACE_MS \(500 ms\) passed\): its transaction was rolled back/,
        ),
      });
      expect(await graph.organizations.get(orgId)).toBeNull();
    }, 180_000);
  });
});
