import { Neo4jConfig } from '@rampart/config';
import { Log, ResolvedNeo4j } from './resolved-neo4j';

/** Step 2: a Docker engine, if one answers, runs neo4j:5.26-community through testcontainers. */
export async function startDockerNeo4j(cfg: Neo4jConfig, log: Log): Promise<ResolvedNeo4j | null> {
  if (!cfg.docker.enabled) return null;
  // Loaded lazily: testcontainers is heavy and most machines here have no Docker engine.
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  log(`Docker engine found: starting ${cfg.docker.image} (data is discarded when Rampart stops).`);
  const container = await new Neo4jContainer(cfg.docker.image).withPassword(cfg.password).start();
  return {
    connection: {
      uri: container.getBoltUri(),
      user: container.getUsername(),
      password: container.getPassword(),
      database: cfg.database,
    },
    source: 'docker',
    description: `Docker container ${cfg.docker.image} on ${container.getBoltUri()}`,
    via: `Docker container ${cfg.docker.image} started for this process`,
    stop: async () => {
      await container.stop();
    },
  };
}
