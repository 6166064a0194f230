import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where a running local launcher listens, kept in its data folder: a process started without the
 * launcher's NEO4J_LOCAL_PORT (say the CLI beside `NEO4J_LOCAL_PORT=7787 npm start`) still finds
 * the Neo4j that owns the folder instead of starting another one.
 */
export const LAUNCHER_RECORD_FILE = 'rampart-neo4j.json';

export interface LauncherRecord {
  uri: string;
  host: string;
  port: number;
  /** The JVM running Neo4j. */
  pid: number;
  /** The process that started it (and stops it). */
  ownerPid: number;
  startedAt: string;
}

export const launcherRecordPath = (dataDir: string): string => path.join(dataDir, LAUNCHER_RECORD_FILE);

/** Written to a temporary file and renamed, so a reader never sees half a record. */
export function writeLauncherRecord(dataDir: string, record: LauncherRecord): string {
  const file = launcherRecordPath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, file);
  return file;
}

const isPid = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** The record in `dataDir`; null when there is none. A record that does not parse is `'invalid'`. */
export function readLauncherRecord(dataDir: string): LauncherRecord | 'invalid' | null {
  let text: string;
  try {
    text = fs.readFileSync(launcherRecordPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const r = JSON.parse(text) as Partial<LauncherRecord>;
    const valid =
      typeof r.uri === 'string' &&
      typeof r.host === 'string' &&
      Number.isInteger(r.port) &&
      isPid(r.pid) &&
      isPid(r.ownerPid) &&
      typeof r.startedAt === 'string';
    return valid ? (r as LauncherRecord) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** Removes the record; with `pid`, only while it still names that JVM (never a successor's). */
export function removeLauncherRecord(dataDir: string, pid?: number): void {
  if (pid !== undefined) {
    const current = readLauncherRecord(dataDir);
    if (current === null || (current !== 'invalid' && current.pid !== pid)) return;
  }
  fs.rmSync(launcherRecordPath(dataDir), { force: true });
}

/** Signal 0 tests for existence; EPERM means it exists but belongs to another user. */
export function pidAlive(pid: number): boolean {
  if (!isPid(pid)) return false; // 0 and negatives would address process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The record of a launcher that is still there: its JVM alive and its port answering. A stale
 * record (the launcher was killed outright, or is shutting down) is removed and null returned.
 */
export async function liveLauncherRecord(
  dataDir: string,
  portAnswers: (host: string, port: number) => Promise<boolean>,
): Promise<LauncherRecord | null> {
  const record = readLauncherRecord(dataDir);
  if (record === null) return null;
  if (record !== 'invalid' && pidAlive(record.pid) && (await portAnswers(record.host, record.port))) {
    return record;
  }
  removeLauncherRecord(dataDir, record === 'invalid' ? undefined : record.pid);
  return null;
}

/** The record's path as a person would type it: relative to the working folder when inside it. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
