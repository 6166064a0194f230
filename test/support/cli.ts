import { SpawnSyncReturns, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEST_JWT_SECRET } from './test-graph';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const ENV = { ...process.env, RAMPART_JWT_SECRET: TEST_JWT_SECRET };

/** The built CLI as a process, as a user runs it (`npm test` builds it first). */
export const rampart = (...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8' });

/** With stdin (a password for `user add` / `user passwd`). */
export const rampartIn = (input: string, ...args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8', input });

export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does).`);
}
