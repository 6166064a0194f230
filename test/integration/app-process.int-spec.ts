import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/free-port';

// These run the built app (npm test builds first) as a user would, with its own environment.
const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NEO4J_URI: _u, NEO4J_PASSWORD: _p, NEO4J_USER: _n, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'info', NEO4J_DOCKER: 'false', ...extra };
}

function run(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN], { env, cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the app as a process', () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does).`);
  });

  it('gives one actionable line for an unreachable NEO4J_URI', async () => {
    const r = await run(baseEnv({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'whatever-long' }));
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rampart: Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1 .*Check NEO4J_URI/);
  });

  it('gives one actionable line for a wrong password', async () => {
    const r = await run(
      baseEnv({
        NEO4J_URI: process.env.NEO4J_URI!,
        NEO4J_USER: process.env.NEO4J_USER!,
        NEO4J_PASSWORD: 'wrong-password-1',
      }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `rampart: Neo4j at ${process.env.NEO4J_URI} refused user "${process.env.NEO4J_USER}": check NEO4J_USER and NEO4J_PASSWORD.`,
    );
  });

  it('names each bad variable', async () => {
    const r = await run(baseEnv({ PORT: 'eighty', NEO4J_URI: 'http://nope' }));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/PORT="eighty": expected a port number/);
    expect(r.stderr).toMatch(/NEO4J_URI="http:\/\/nope": expected a Neo4j URI/);
    expect(r.stderr).not.toMatch(/\s+at /); // no stack trace
  });

  it('gives one actionable line when Java is missing', async () => {
    const r = await run(baseEnv({ PATH: '/nonexistent', NEO4J_LOCAL_PORT: String(await freePort()) }));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^rampart: Java 17\+ is needed for the local Neo4j .* or set NEO4J_URI/);
  });

  describe('with its own local Neo4j', () => {
    let child: ChildProcess | undefined;
    let dataDir: string;
    afterAll(() => {
      child?.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Starts the built app with --demo; resolves once it says it is up. */
    async function startApp(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; out: () => string }> {
      const proc = spawn(process.execPath, [MAIN, '--demo'], { env, cwd: ROOT });
      child = proc;
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`app did not start:\n${out}`)), 120_000);
        proc.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('Rampart is up')) {
            clearTimeout(timer);
            resolve();
          }
        });
        proc.stderr!.on('data', (d) => (out += d));
        proc.once('exit', () => reject(new Error(`app exited during start:\n${out}`)));
      });
      return { proc, out: () => out };
    }

    /** SIGTERM; the app must exit 0 and its Neo4j JVM must be gone. */
    async function stopApp(proc: ChildProcess): Promise<void> {
      const javaPids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(proc.pid)], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map(Number)
        .filter(Boolean);
      expect(javaPids).toHaveLength(1);
      const exited = new Promise<number | null>((resolve) => proc.once('exit', resolve));
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(alive(javaPids[0])).toBe(false);
      child = undefined;
    }

    it('starts Neo4j, loads the demo, answers, leaves no Neo4j behind after SIGTERM, and restarts on the same data', async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-app-test-'));
      const port = await freePort();
      const env = baseEnv({
        PORT: String(port),
        NEO4J_PASSWORD: 'app-test-password',
        NEO4J_LOCAL_PORT: String(await freePort()),
        NEO4J_LOCAL_DATA_DIR: dataDir,
        NEO4J_LOCAL_HEAP_MB: '1024',
        NEO4J_LOCAL_PAGECACHE_MB: '256',
        RAMPART_SECRET_FILE: path.join(dataDir, 'jwt-secret'),
      });
      delete env.RAMPART_ADMIN_PASSWORD;
      const first = await startApp(env);
      expect(first.out()).toContain('Loaded the demo organisation');
      // A newcomer is told how to sign in: the generated admin password, once.
      const password = /password: (\S+)/.exec(first.out())?.[1];
      expect(password).toMatch(/^[\w-]{24}$/);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const commandLines = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
      expect(commandLines).not.toContain('app-test-password');

      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);
      const gql = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({
          query: '{ organization(id: "org-acme") { name assets(first: 1) { totalCount } } }',
        }),
      });
      expect(((await gql.json()) as { data: { organization: unknown } }).data.organization).toEqual({
        name: 'Acme Water',
        assets: { totalCount: 178 },
      });
      await stopApp(first.proc);

      const second = await startApp(env);
      expect(second.out()).toContain('Graph not empty: demo not loaded.');
      expect(second.out()).not.toContain('password:');
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      await stopApp(second.proc);
    }, 240_000);
  });
});
