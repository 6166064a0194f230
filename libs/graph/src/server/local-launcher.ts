import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { LocalLauncherConfig, Neo4jConfig, Neo4jConnection } from '@rampart/config';
import { connect } from '../driver.factory';
import {
  launcherRecordPath,
  liveLauncherRecord,
  removeLauncherRecord,
  shownPath,
  writeLauncherRecord,
} from './launcher-record';
import { LauncherError, Log, ResolvedNeo4j } from './resolved-neo4j';

const MAIN_CLASS = 'io.rampart.neo4j.LocalNeo4j';
const JVM_FLAGS = ['java.nio', 'java.io', 'java.lang', 'sun.nio.ch'].flatMap((p) => [
  '--add-opens',
  `java.base/${p}=ALL-UNNAMED`,
]);
const STOP_GRACE_MS = 30_000;

const classesDir = (c: LocalLauncherConfig) => path.join(c.projectDir, 'target', 'classes');
const depsDir = (c: LocalLauncherConfig) => path.join(c.projectDir, 'target', 'dependency');
const markerFile = (c: LocalLauncherConfig) => path.join(c.projectDir, 'target', '.built');

/** The build is reused while pom.xml and the Java source are unchanged. */
function buildFingerprint(c: LocalLauncherConfig): string {
  const h = createHash('sha256');
  h.update(fs.readFileSync(path.join(c.projectDir, 'pom.xml')));
  h.update(fs.readFileSync(path.join(c.projectDir, 'src/main/java/io/rampart/neo4j/LocalNeo4j.java')));
  return h.digest('hex');
}

function hasCommand(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** The external programs the launcher needs; tests point them elsewhere. */
export interface LauncherTools {
  java: string;
  mvn: string;
}
const TOOLS: LauncherTools = { java: 'java', mvn: 'mvn' };

/** Compiles the launcher and fetches Neo4j's jars into target/dependency (once; then cached). */
export function ensureLauncherBuilt(c: LocalLauncherConfig, log: Log, tools: LauncherTools = TOOLS): void {
  const fingerprint = buildFingerprint(c);
  if (fs.existsSync(markerFile(c)) && fs.readFileSync(markerFile(c), 'utf8') === fingerprint) return;
  if (!hasCommand(tools.mvn, ['-v'])) {
    throw new LauncherError(
      'Maven is needed once to fetch Neo4j for the local launcher (apt-get install maven), or set NEO4J_URI to an existing Neo4j 5.26.',
    );
  }
  log(
    'First run: fetching Neo4j 5.26 jars with Maven into tools/neo4j-local/target (about 120 MB, a minute or so)...',
  );
  const r = spawnSync(
    tools.mvn,
    ['-q', '-B', '-ntp', 'dependency:copy-dependencies', '-DincludeScope=runtime', 'compile'],
    {
      cwd: c.projectDir,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    throw new LauncherError(`Building the local Neo4j launcher failed (mvn in ${c.projectDir}): ${tail}`);
  }
  fs.writeFileSync(markerFile(c), fingerprint);
  log('Neo4j jars cached; later starts skip this step.');
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Waits for the launcher's READY line; fails with its last error line if it exits first. */
function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => finish(new LauncherError(`Local Neo4j did not start within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
    const finish = (result: string | Error) => {
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.removeAllListeners('exit');
      if (typeof result === 'string') resolve(result);
      else reject(result);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /^READY (\S+)$/m.exec(stdout);
      if (m) finish(m[1]);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.once('exit', (code) => {
      const last = stderr.trim().split('\n').filter(Boolean).pop() ?? `exit code ${code}`;
      finish(new LauncherError(`Local Neo4j stopped during start-up: ${last}`));
    });
    child.once('error', (e) =>
      finish(new LauncherError(`Could not run java for the local Neo4j: ${e.message}`)),
    );
  });
}

/** SIGTERM, wait for Neo4j's clean shutdown (up to 30 s), then SIGKILL. */
export function stopChild(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * A launcher that is still starting opens Bolt a moment before it sets its password, so a refusal
 * is retried for a while before the port is declared taken by something else.
 */
async function connectToRunning(
  connection: Neo4jConnection,
  port: number,
  attempts = 15,
  pauseMs = 2000,
): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      const driver = await connect(connection);
      await driver.close();
      return;
    } catch (e) {
      if (i >= attempts) {
        throw new LauncherError(
          `Port ${port} is taken by something that is not a usable Neo4j (${(e as Error).message}) Set NEO4J_LOCAL_PORT to a free port.`,
        );
      }
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }
}

/**
 * The launcher recorded in the data folder, whatever port it took: the one Neo4j that owns the
 * folder. It wrote the record after READY, so its password is set and one attempt is enough.
 */
async function reuseRecorded(cfg: Neo4jConfig): Promise<ResolvedNeo4j | null> {
  const record = await liveLauncherRecord(cfg.local.dataDir, portAnswers);
  if (!record) return null;
  const file = shownPath(launcherRecordPath(cfg.local.dataDir));
  const connection = { uri: record.uri, user: cfg.user, password: cfg.password, database: cfg.database };
  try {
    const driver = await connect(connection);
    await driver.close();
  } catch (e) {
    throw new LauncherError(`${(e as Error).message} (that Neo4j was found through ${file})`, { cause: e });
  }
  return {
    connection,
    source: 'local-reused',
    description: `already running local Neo4j on ${record.uri} (found through ${file})`,
    via: `local launcher found through ${file}`,
    stop: async () => undefined,
  };
}

/**
 * Step 3: the project's own launcher (embedded Neo4j 5.26 Community, Bolt on loopback). A launcher
 * recorded in the data folder, or already listening on the port (say from `npm run neo4j`), is
 * reused rather than started twice. One this process starts is recorded until it stops it.
 */
export async function startLocalNeo4j(cfg: Neo4jConfig, log: Log): Promise<ResolvedNeo4j> {
  const recorded = await reuseRecorded(cfg);
  if (recorded) return recorded;
  const c = cfg.local;
  const uri = `bolt://${c.host}:${c.port}`;
  const connection = { uri, user: cfg.user, password: cfg.password, database: cfg.database };
  if (await portAnswers(c.host, c.port)) {
    await connectToRunning(connection, c.port);
    return {
      connection,
      source: 'local-reused',
      description: `already running local Neo4j on ${uri}`,
      via: `local launcher already listening on ${c.host}:${c.port}`,
      stop: async () => undefined,
    };
  }
  if (!hasCommand('java', ['-version'])) {
    throw new LauncherError(
      'Java 17+ is needed for the local Neo4j (apt-get install openjdk-17-jre-headless), or set NEO4J_URI to an existing Neo4j 5.26.',
    );
  }
  ensureLauncherBuilt(c, log);
  fs.mkdirSync(c.dataDir, { recursive: true });
  log(`Starting local Neo4j 5.26 on ${uri} (data in ${c.dataDir})...`);
  const args = [
    `-Xms${Math.min(c.heapMb, 1024)}m`,
    `-Xmx${c.heapMb}m`,
    '-XX:+UseG1GC',
    ...JVM_FLAGS,
    '-cp',
    `${classesDir(c)}${path.delimiter}${path.join(depsDir(c), '*')}`,
    MAIN_CLASS,
    ...['--host', c.host, '--port', String(c.port), '--data-dir', c.dataDir],
    ...['--page-cache-mb', String(c.pageCacheMb), '--password-stdin', '--stop-on-stdin-eof'],
  ];
  // stdin stays a pipe: if this process dies without cleaning up, the JVM sees EOF and stops.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  // The password goes in on stdin (arguments show in `ps`); stdin then stays open.
  child.stdin?.write(`${cfg.password}\n`);
  try {
    await waitForReady(child, c.startTimeoutMs);
  } catch (e) {
    await stopChild(child, 5000);
    throw e;
  }
  child.stdout?.resume();
  child.stderr?.resume();
  const pid = child.pid as number; // set once the JVM runs, which READY proved
  try {
    const record = { uri, host: c.host, port: c.port, pid, ownerPid: process.pid };
    writeLauncherRecord(c.dataDir, { ...record, startedAt: new Date().toISOString() });
  } catch (e) {
    // Without the record only processes on another port miss this Neo4j: say so, keep going.
    log(`Could not record the local Neo4j in ${c.dataDir} (${(e as Error).message}).`);
  }
  return {
    connection,
    source: 'local',
    description: `local Neo4j launcher on ${uri} (data in ${c.dataDir})`,
    via: `local launcher started for this process, data in ${shownPath(c.dataDir)}`,
    stop: async () => {
      // Removed first: a process resolving meanwhile must not pick a Neo4j that is going away.
      try {
        removeLauncherRecord(c.dataDir, pid);
      } finally {
        await stopChild(child);
      }
    },
  };
}
