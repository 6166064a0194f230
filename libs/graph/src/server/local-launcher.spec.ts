import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalLauncherConfig, Neo4jConfig } from '@rampart/config';
import { connect } from '../driver.factory';
import { launcherRecordPath, readLauncherRecord, writeLauncherRecord } from './launcher-record';
import { ensureLauncherBuilt, portAnswers, startLocalNeo4j } from './local-launcher';
import { LauncherError } from './resolved-neo4j';

// No Neo4j here: whatever answers on a port counts as one that accepts the connection.
jest.mock('../driver.factory', () => ({ connect: jest.fn() }));
const connectMock = connect as jest.MockedFunction<typeof connect>;
beforeEach(() => {
  connectMock.mockReset();
  connectMock.mockResolvedValue({ close: async () => undefined } as Awaited<ReturnType<typeof connect>>);
});

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function unbuiltLauncher(): LocalLauncherConfig {
  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-launcher-'));
  made.push(projectDir);
  fs.mkdirSync(path.join(projectDir, 'src/main/java/io/rampart/neo4j'), { recursive: true });
  fs.writeFileSync(path.join(projectDir, 'pom.xml'), '<project/>');
  fs.writeFileSync(
    path.join(projectDir, 'src/main/java/io/rampart/neo4j/LocalNeo4j.java'),
    'class LocalNeo4j {}',
  );
  return {
    host: '127.0.0.1',
    port: 1,
    dataDir: projectDir,
    heapMb: 1,
    pageCacheMb: 1,
    startTimeoutMs: 1,
    projectDir,
  };
}

describe('ensureLauncherBuilt', () => {
  it('says in one line that Maven is needed when the launcher is not built and mvn is missing', () => {
    const c = unbuiltLauncher();
    let error: unknown;
    try {
      ensureLauncherBuilt(c, () => undefined, { java: 'java', mvn: '/nonexistent/mvn' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LauncherError);
    expect((error as Error).message).toMatch(/^Maven is needed once to fetch Neo4j .*or set NEO4J_URI/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('skips Maven entirely when the marker matches the current pom and source', () => {
    const c = unbuiltLauncher();
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const h = createHash('sha256');
    h.update(fs.readFileSync(path.join(c.projectDir, 'pom.xml')));
    h.update(fs.readFileSync(path.join(c.projectDir, 'src/main/java/io/rampart/neo4j/LocalNeo4j.java')));
    fs.mkdirSync(path.join(c.projectDir, 'target'));
    fs.writeFileSync(path.join(c.projectDir, 'target/.built'), h.digest('hex'));
    const logged: string[] = [];
    expect(() =>
      ensureLauncherBuilt(c, (m) => logged.push(m), { java: 'java', mvn: '/nonexistent/mvn' }),
    ).not.toThrow();
    expect(logged).toEqual([]);
  });
});

describe('portAnswers', () => {
  it('tells an open port from a closed one', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    expect(await portAnswers('127.0.0.1', port)).toBe(true);
    await new Promise((r) => server.close(r));
    expect(await portAnswers('127.0.0.1', port)).toBe(false);
  });
});

/** A TCP listener standing in for a running launcher's Bolt port. */
async function listening(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function neo4jConfig(local: LocalLauncherConfig): Neo4jConfig {
  return {
    user: 'neo4j',
    password: 'a-password',
    database: 'neo4j',
    local,
  } as Neo4jConfig;
}

describe('startLocalNeo4j and the launcher record', () => {
  it('reuses the Neo4j recorded in the data folder, whatever port is configured', async () => {
    const bolt = await listening();
    try {
      const c = { ...unbuiltLauncher(), port: 1 }; // nothing listens on the configured port
      const uri = `bolt://127.0.0.1:${bolt.port}`;
      writeLauncherRecord(c.dataDir, {
        uri,
        host: '127.0.0.1',
        port: bolt.port,
        pid: process.pid,
        ownerPid: process.pid,
        startedAt: new Date().toISOString(),
      });
      const found = await startLocalNeo4j(neo4jConfig(c), () => undefined);
      expect(found).toMatchObject({
        source: 'local-reused',
        connection: { uri, user: 'neo4j', password: 'a-password', database: 'neo4j' },
        via: `local launcher found through ${launcherRecordPath(c.dataDir)}`,
      });
      expect(connectMock).toHaveBeenCalledTimes(1);
      await found.stop(); // not ours: the record stays
      expect(readLauncherRecord(c.dataDir)).toMatchObject({ uri });
    } finally {
      await bolt.close();
    }
  });

  it('says which record led to a Neo4j that refuses the connection', async () => {
    const bolt = await listening();
    try {
      const c = unbuiltLauncher();
      const uri = `bolt://127.0.0.1:${bolt.port}`;
      const record = { uri, host: '127.0.0.1', port: bolt.port, pid: process.pid, ownerPid: process.pid };
      writeLauncherRecord(c.dataDir, { ...record, startedAt: new Date().toISOString() });
      connectMock.mockRejectedValue(new Error(`Neo4j at ${uri} refused user "neo4j": check NEO4J_PASSWORD.`));
      const error: unknown = await startLocalNeo4j(neo4jConfig(c), () => undefined).catch((e) => e);
      expect(error).toBeInstanceOf(LauncherError);
      expect((error as Error).message).toBe(
        `Neo4j at ${uri} refused user "neo4j": check NEO4J_PASSWORD. (that Neo4j was found through ${launcherRecordPath(c.dataDir)})`,
      );
    } finally {
      await bolt.close();
    }
  });

  it('drops a stale record and still reuses a launcher on the configured port', async () => {
    const bolt = await listening();
    try {
      const c = { ...unbuiltLauncher(), port: bolt.port };
      const record = { uri: 'bolt://127.0.0.1:1', host: '127.0.0.1', port: 1, pid: process.pid };
      writeLauncherRecord(c.dataDir, { ...record, ownerPid: process.pid, startedAt: '' });
      const found = await startLocalNeo4j(neo4jConfig(c), () => undefined);
      expect(found).toMatchObject({
        source: 'local-reused',
        connection: { uri: `bolt://127.0.0.1:${bolt.port}` },
        via: `local launcher already listening on 127.0.0.1:${bolt.port}`,
      });
      expect(fs.existsSync(launcherRecordPath(c.dataDir))).toBe(false);
    } finally {
      await bolt.close();
    }
  });
});
