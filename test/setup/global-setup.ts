import './register-paths';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../libs/config/src';
import { createDriver } from '../../libs/graph/src/driver.factory';
import { resolveNeo4j } from '../../libs/graph/src/server/resolve-neo4j';
import { freePort } from '../support/free-port';
import { TEST_STATE_KEY, TestNeo4jState } from './test-state';

/**
 * Resolves one Neo4j for the whole integration run, in the order the app uses: NEO4J_URI ->
 * Docker -> the local launcher (then on a free port with a throw-away data folder, never the
 * developer's own .data/neo4j). Workers inherit the connection through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const external = Boolean(process.env.NEO4J_URI);
  const dataDir = external ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-test-neo4j-'));
  const env = external
    ? process.env
    : {
        ...process.env,
        NEO4J_PASSWORD: process.env.NEO4J_PASSWORD || 'rampart-test-password',
        NEO4J_LOCAL_PORT: String(await freePort()),
        NEO4J_LOCAL_DATA_DIR: dataDir,
        NEO4J_LOCAL_HEAP_MB: '2048',
        NEO4J_LOCAL_PAGECACHE_MB: '512',
      };
  const config = loadConfig(env);
  const log = (m: string) => process.stderr.write(`[test neo4j] ${m}\n`);
  const neo4j = await resolveNeo4j(config.neo4j, log);
  log(`integration tests use ${neo4j.description}`);

  if (neo4j.source === 'env') await refuseToWipeForeignData(neo4j.connection);

  Object.assign(process.env, {
    NEO4J_URI: neo4j.connection.uri,
    NEO4J_USER: neo4j.connection.user,
    NEO4J_PASSWORD: neo4j.connection.password,
    NEO4J_DATABASE: neo4j.connection.database,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const state: TestNeo4jState = { stop: () => neo4j.stop(), dataDir };
  (globalThis as Record<string, unknown>)[TEST_STATE_KEY] = state;
}

/** The tests empty the database: against a server the user named, only if it is empty or they agree. */
async function refuseToWipeForeignData(conn: {
  uri: string;
  user: string;
  password: string;
  database: string;
}) {
  if (process.env.RAMPART_TEST_ALLOW_WIPE === 'true') return;
  const driver = createDriver(conn);
  try {
    const { records } = await driver.executeQuery(
      'MATCH (n) RETURN count(n) > 0 AS used',
      {},
      { database: conn.database },
    );
    if (records[0].get('used')) {
      throw new Error(
        `The integration tests erase the database, and ${conn.uri} (${conn.database}) holds data. ` +
          'Point NEO4J_URI at an empty database, unset it, or set RAMPART_TEST_ALLOW_WIPE=true.',
      );
    }
  } finally {
    await driver.close();
  }
}
