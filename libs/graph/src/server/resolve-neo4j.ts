import { Neo4jConfig } from '@rampart/config';
import { startDockerNeo4j } from './docker-neo4j';
import { startLocalNeo4j } from './local-launcher';
import { Log, ResolvedNeo4j } from './resolved-neo4j';

/**
 * The one resolution order used by the app, the CLI and the tests:
 * NEO4J_URI if set -> a Docker engine if one answers -> the local launcher (first the one recorded
 * in its data folder, then one on the configured port, else a new one). The record is looked up
 * only in that step: where a Docker engine answers, the app ran Neo4j there and wrote no record.
 */
export async function resolveNeo4j(cfg: Neo4jConfig, log: Log): Promise<ResolvedNeo4j> {
  if (cfg.uri) {
    return {
      connection: { uri: cfg.uri, user: cfg.user, password: cfg.password, database: cfg.database },
      source: 'env',
      description: `Neo4j at ${cfg.uri} (NEO4J_URI)`,
      via: 'NEO4J_URI',
      stop: async () => undefined,
    };
  }
  const docker = await startDockerNeo4j(cfg, log);
  if (docker) return docker;
  return startLocalNeo4j(cfg, log);
}
