/**
 * The API as an operator runs it: the built server (`node dist/apps/api/src/main.js`, from
 * `npm run -s build`) in a child process on a free port of its own, configured only through
 * environment variables, against the Neo4j the benchmark resolved. Ready once `/health/ready`
 * answers 200; stopped by its pid (SIGTERM, then its exit awaited).
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Neo4jConnection, findProjectRoot } from '@rampart/config';
import { stringArg } from './bench-args';

export interface ApiProcessOptions {
  /** The Neo4j the benchmark uses: the API connects to the same one (NEO4J_URI and the rest). */
  neo4j: Neo4jConnection;
  /** RAMPART_JWT_SECRET, the one the benchmark's own services are configured with too. */
  jwtSecret: string;
  /** More variables for this benchmark, e.g. RAMPART_GRAPHQL_MAX_COST. */
  env?: Record<string, string>;
  /** How long the API may take to become ready. */
  readyTimeoutMs?: number;
  /**
   * The project checkout whose built API to run (default: this one). `--api <dir>` on a bench's
   * command line sets it, to time another build (an older commit) with the same harness and data.
   */
  root?: string;
}

export interface ApiProcess {
  /** http://127.0.0.1:<port>, without a trailing slash. */
  url: string;
  pid: number;
  /** SIGTERM to the pid, then waits for the exit (SIGKILL if it has not exited after a minute). */
  stop(): Promise<void>;
}

/** Starts the built API and waits until it is ready. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const root = path.resolve(options.root ?? stringArg('api') ?? findProjectRoot());
  const main = path.join(root, 'dist', 'apps', 'api', 'src', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run npm run -s build first`);
  const port = await freePort();
  const { neo4j } = options;
  // `--api-cpu-prof <dir>`: the API writes a V8 CPU profile there when it stops (where time goes).
  const profile = stringArg('api-cpu-prof');
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, main], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      NEO4J_URI: neo4j.uri,
      NEO4J_USER: neo4j.user,
      NEO4J_PASSWORD: neo4j.password,
      NEO4J_DATABASE: neo4j.database,
      RAMPART_JWT_SECRET: options.jwtSecret,
      // Benchmarks measure speed, not the guards; and no scheduled report runs in the middle.
      RAMPART_RATE_LIMIT_PER_MINUTE: '0',
      RAMPART_REPORT_SCHEDULES: '',
      ...options.env,
    },
    // Its output (errors only) goes to the benchmark's stderr: stdout is the benchmark's table.
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    stop: () => stop(child, exited),
  };
  try {
    await waitReady(api.url, child, options.readyTimeoutMs ?? 120_000);
  } catch (e) {
    await api.stop();
    throw e;
  }
  console.error(`API ready at ${api.url} (pid ${api.pid})`);
  return api;
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(child.pid as number, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 60_000)));
  if (await Promise.race([exited.then(() => false), late])) {
    console.error(`bench: the API (pid ${child.pid}) did not stop within a minute of SIGTERM: killing it`);
    process.kill(child.pid as number, 'SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

/** Polls GET /health/ready until it answers 200; fails if the API exits or the time runs out. */
async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) }).then(
      async (r) => (await r.arrayBuffer(), r.status === 200),
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`the API at ${url} was not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A port nothing listens on right now (the system's pick). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
