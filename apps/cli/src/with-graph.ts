import { AppConfig } from '@rampart/config';
import {
  GraphContext,
  ResolvedNeo4j,
  createGraphContext,
  graphOptionsFrom,
  resolveNeo4j,
} from '@rampart/graph';

/** The one stderr line every graph command starts with: two processes may resolve two databases. */
export const usingLine = (neo4j: ResolvedNeo4j): string =>
  `rampart: using Neo4j at ${neo4j.connection.uri} (${neo4j.via})`;

/**
 * Resolves Neo4j the usual way, says which one on stderr (stdout stays the command's own), runs
 * `work`, then closes the driver and stops what it started.
 */
export async function withGraph<T>(
  config: AppConfig,
  log: (m: string) => void,
  work: (g: GraphContext, neo4j: ResolvedNeo4j) => Promise<T>,
): Promise<T> {
  const neo4j: ResolvedNeo4j = await resolveNeo4j(config.neo4j, log);
  try {
    log(usingLine(neo4j));
    const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
    try {
      return await work(graph, neo4j);
    } finally {
      await graph.close();
    }
  } finally {
    await neo4j.stop();
  }
}
