import { AppConfig } from '@rampart/config';
import {
  GraphContext,
  ResolvedNeo4j,
  createGraphContext,
  graphOptionsFrom,
  resolveNeo4j,
} from '@rampart/graph';

/** Resolves Neo4j the usual way, runs `work`, then closes the driver and stops what it started. */
export async function withGraph<T>(
  config: AppConfig,
  log: (m: string) => void,
  work: (g: GraphContext) => Promise<T>,
): Promise<T> {
  const neo4j: ResolvedNeo4j = await resolveNeo4j(config.neo4j, log);
  try {
    const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
    try {
      return await work(graph);
    } finally {
      await graph.close();
    }
  } finally {
    await neo4j.stop();
  }
}
