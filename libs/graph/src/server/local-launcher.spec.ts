import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalLauncherConfig } from '@rampart/config';
import { ensureLauncherBuilt, portAnswers } from './local-launcher';
import { LauncherError } from './resolved-neo4j';

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
