import * as fs from 'node:fs';
import { TEST_STATE_KEY, TestNeo4jState } from './test-state';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[TEST_STATE_KEY] as TestNeo4jState | undefined;
  if (!state) return;
  await state.stop();
  if (state.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
}
