import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  LAUNCHER_RECORD_FILE,
  LauncherRecord,
  launcherRecordPath,
  liveLauncherRecord,
  pidAlive,
  readLauncherRecord,
  removeLauncherRecord,
  shownPath,
  writeLauncherRecord,
} from './launcher-record';

const made: string[] = [];
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-record-'));
  made.push(d);
  return d;
}

/** A pid that surely names no process: one that has just exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid as number;

const record = (over: Partial<LauncherRecord> = {}): LauncherRecord => ({
  uri: 'bolt://127.0.0.1:7787',
  host: '127.0.0.1',
  port: 7787,
  pid: process.pid,
  ownerPid: process.pid,
  startedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const answers = () => Promise.resolve(true);
const silent = () => Promise.resolve(false);

describe('the launcher record', () => {
  it('is written owner-only, whole (no temporary file left), and read back', () => {
    const dir = dataDir();
    const file = writeLauncherRecord(dir, record());
    expect(file).toBe(path.join(dir, LAUNCHER_RECORD_FILE));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([LAUNCHER_RECORD_FILE]);
    expect(readLauncherRecord(dir)).toEqual(record());
  });

  it('reads as null when absent and as invalid when it is not a whole record', () => {
    const dir = dataDir();
    expect(readLauncherRecord(dir)).toBeNull();
    fs.writeFileSync(launcherRecordPath(dir), '{"uri": "bolt://x:1"');
    expect(readLauncherRecord(dir)).toBe('invalid');
    fs.writeFileSync(launcherRecordPath(dir), JSON.stringify({ ...record(), pid: 0 }));
    expect(readLauncherRecord(dir)).toBe('invalid');
  });

  it('is kept and returned while its JVM lives and its port answers', async () => {
    const dir = dataDir();
    writeLauncherRecord(dir, record());
    const probed: string[] = [];
    const live = await liveLauncherRecord(dir, (host, port) => {
      probed.push(`${host}:${port}`);
      return answers();
    });
    expect(live).toEqual(record());
    expect(probed).toEqual(['127.0.0.1:7787']);
    expect(fs.existsSync(launcherRecordPath(dir))).toBe(true);
  });

  it.each([
    ['its JVM is gone', () => record({ pid: deadPid() }), answers],
    ['its port does not answer', () => record(), silent],
  ])('is stale, ignored and removed, when %s', async (_why, make, probe) => {
    const dir = dataDir();
    writeLauncherRecord(dir, make());
    expect(await liveLauncherRecord(dir, probe)).toBeNull();
    expect(fs.existsSync(launcherRecordPath(dir))).toBe(false);
  });

  it('is removed when it does not parse', async () => {
    const dir = dataDir();
    fs.writeFileSync(launcherRecordPath(dir), 'not json');
    expect(await liveLauncherRecord(dir, answers)).toBeNull();
    expect(fs.existsSync(launcherRecordPath(dir))).toBe(false);
  });

  it("is removed by its own launcher's stop, never by another's", () => {
    const dir = dataDir();
    writeLauncherRecord(dir, record({ pid: 4242 }));
    removeLauncherRecord(dir, 4343);
    expect(readLauncherRecord(dir)).toEqual(record({ pid: 4242 }));
    removeLauncherRecord(dir, 4242);
    expect(readLauncherRecord(dir)).toBeNull();
    expect(() => removeLauncherRecord(dir, 4242)).not.toThrow();
  });
});

describe('pidAlive', () => {
  it('knows this process, a finished one, and refuses pids that address groups', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(deadPid())).toBe(false);
    expect(pidAlive(0)).toBe(false);
    expect(pidAlive(-1)).toBe(false);
  });
});

describe('shownPath', () => {
  it('is relative inside the working folder, absolute outside it', () => {
    expect(shownPath(path.join(process.cwd(), '.data/neo4j', LAUNCHER_RECORD_FILE))).toBe(
      path.join('.data/neo4j', LAUNCHER_RECORD_FILE),
    );
    expect(shownPath('/elsewhere/x.json')).toBe('/elsewhere/x.json');
  });
});
