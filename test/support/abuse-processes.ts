import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppConfig } from '@rampart/config';
import { generateOrganisation } from '@rampart/interchange';
import { driverSession } from './raw-session';

/** Processes the abuse suites start (the built CLI and app), stopped by their own process ids. */
export const ROOT = path.resolve(__dirname, '../..');
export const APP_MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');
export const CLI_MAIN = path.join(ROOT, 'dist/apps/cli/src/main.js');

export function requireBuilt(): void {
  for (const f of [APP_MAIN, CLI_MAIN]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first (npm test does).`);
  }
}

/** The environment without the test run's Neo4j, so that a child resolves the one it is given. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NEO4J_URI: _u, NEO4J_PASSWORD: _p, NEO4J_USER: _n, ...rest } = process.env;
  return { ...rest, NEO4J_DOCKER: 'false', LOG_LEVEL: 'info', ...extra };
}

export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves with the exit code once `proc` has exited (at once if it already has). */
export function exited(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
}

/** Starts `args` with node and resolves once its output (stdout and stderr) matches `ready`. */
export async function startNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 180_000,
): Promise<{ proc: ChildProcess; output: () => string }> {
  const proc = spawn(process.execPath, args, { env, cwd: ROOT });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not get ready:\n${out}`)), timeoutMs);
    const seen = (d: Buffer) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', seen);
    proc.stderr!.on('data', seen);
    proc.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited before it was ready:\n${out}`));
    });
  });
  return { proc, output: () => out };
}

/** A Neo4j of the suite's own (`rampart neo4j` on a port and data folder), to stop and start again. */
export interface OwnNeo4j {
  uri: string;
  password: string;
  /** The JVM's process id, from the launcher's record. */
  jvmPid(): number;
  /** SIGTERM to the launcher (it stops its JVM); resolves once both are gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
}

export async function ownNeo4j(
  port: number,
  dataDir: string,
  password = 'abuse-neo4j-pw',
): Promise<OwnNeo4j> {
  const env = childEnv({
    NEO4J_PASSWORD: password,
    NEO4J_LOCAL_PORT: String(port),
    NEO4J_LOCAL_DATA_DIR: dataDir,
    NEO4J_LOCAL_HEAP_MB: '768',
    NEO4J_LOCAL_PAGECACHE_MB: '128',
  });
  let launcher: ChildProcess | undefined;
  const record = () =>
    JSON.parse(fs.readFileSync(path.join(dataDir, 'rampart-neo4j.json'), 'utf8')) as { pid: number };
  const own: OwnNeo4j = {
    uri: `bolt://127.0.0.1:${port}`,
    password,
    jvmPid: () => record().pid,
    start: async () => {
      launcher = (await startNode([CLI_MAIN, 'neo4j'], env, /Neo4j is ready on/)).proc;
    },
    stop: async () => {
      if (!launcher) return;
      const jvm = own.jvmPid();
      const done = exited(launcher);
      launcher.kill('SIGTERM');
      await done;
      launcher = undefined;
      while (alive(jvm)) await sleep(100);
    },
  };
  await own.start();
  return own;
}

/** True when nothing accepts a TCP connection on the port. */
export function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A generated organisation file (JSON) of `people` people, written to a temporary folder. */
export function generatedFile(people: number, organizationId: string): { file: string; text: string } {
  const text = JSON.stringify(generateOrganisation({ people, seed: 19, organizationId }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-abuse-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, `${organizationId}.json`);
  fs.writeFileSync(file, text);
  return { file, text };
}

/**
 * Resolves once Neo4j runs a transaction of Rampart's whose query name starts with `prefix` (the
 * executor labels every transaction with its query name): the moment to interrupt it.
 */
export async function whenTransactionRuns(
  config: AppConfig,
  prefix: string,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const running = await driverSession(config, async (s) => {
      const r = await s.run('SHOW TRANSACTIONS YIELD metaData RETURN metaData');
      return r.records.map((rec) => rec.get('metaData') as { app?: string; query?: string });
    });
    if (running.some((m) => m.app === 'rampart' && String(m.query).startsWith(prefix))) return;
    await sleep(50);
  }
  throw new Error(`no ${prefix}* transaction started within ${timeoutMs} ms`);
}
