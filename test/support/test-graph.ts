import { AppConfig, loadConfig } from '@rampart/config';
import { GraphContext, createGraphContext, graphOptionsFrom } from '@rampart/graph';
import { loadDemoIfEmpty } from '@rampart/interchange';

/** The config the global setup left in the environment (the resolved test Neo4j). */
/** A fixed signing key for tests (never the development one kept in .data/). */
export const TEST_JWT_SECRET = 'test-only-jwt-secret-0123456789abcdef';

export function testConfig(): AppConfig {
  return loadConfig({ RAMPART_JWT_SECRET: TEST_JWT_SECRET, ...process.env });
}

export function openGraph(config = testConfig()): Promise<GraphContext> {
  return createGraphContext(graphOptionsFrom(config, connectionOf(config)));
}

export function connectionOf(config: AppConfig) {
  const { uri, user, password, database } = config.neo4j;
  if (!uri) throw new Error('global setup did not set NEO4J_URI');
  return { uri, user, password, database };
}

/** An empty graph with the schema applied, and no shared counters, sign-ins pending or leases. */
export async function freshGraph(graph: GraphContext): Promise<void> {
  await graph.health.deleteAll();
  await graph.schema.apply();
  // Suites share one database: one suite's sign-in failures or requests must not lock the next.
  await graph.sharedState.deleteAll();
}

export async function freshDemo(graph: GraphContext, config = testConfig()): Promise<void> {
  await freshGraph(graph);
  await loadDemoIfEmpty(graph, config.demoFile);
}
