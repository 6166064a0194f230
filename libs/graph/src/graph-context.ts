import { Driver } from 'neo4j-driver';
import { AppConfig, Neo4jConnection } from '@rampart/config';
import { connect } from './driver.factory';
import { QueryExecutor } from './query-executor';
import { Q } from './query-names';
import { QueryRegistry } from './query-registry';
import { AssetRepository } from './repositories/asset.repository';
import { GraphHealthRepository } from './repositories/graph-health.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { ExportRepository } from './repositories/export.repository';
import { ImportRepository } from './repositories/import.repository';
import { SchemaService } from './schema.service';

export interface GraphOptions {
  connection: Neo4jConnection;
  cypherDir: string;
  txTimeoutMs: number;
  /** Rows per UNWIND batch in imports. */
  batchSize?: number;
}

/** Everything built on one driver. The Nest module and the CLI/tests both use this. */
export interface GraphContext {
  driver: Driver;
  registry: QueryRegistry;
  executor: QueryExecutor;
  schema: SchemaService;
  health: GraphHealthRepository;
  organizations: OrganizationRepository;
  assets: AssetRepository;
  imports: ImportRepository;
  exports: ExportRepository;
  close(): Promise<void>;
}

/** The graph options of a validated config, for a Neo4j already resolved. */
export const graphOptionsFrom = (config: AppConfig, connection: Neo4jConnection): GraphOptions => ({
  connection,
  cypherDir: config.cypherDir,
  txTimeoutMs: config.neo4j.txTimeoutMs,
  batchSize: config.importBatchSize,
});

export async function createGraphContext(options: GraphOptions): Promise<GraphContext> {
  // Load and check the queries before connecting: a missing file is a build defect.
  const registry = new QueryRegistry(options.cypherDir).requireAll(Object.values(Q));
  const driver = await connect(options.connection);
  const executor = new QueryExecutor(driver, registry, options.connection.database, options.txTimeoutMs);
  const schema = new SchemaService(executor, registry);
  return {
    driver,
    registry,
    executor,
    schema,
    health: new GraphHealthRepository(executor, schema),
    organizations: new OrganizationRepository(executor),
    assets: new AssetRepository(executor),
    imports: new ImportRepository(executor, options.batchSize),
    exports: new ExportRepository(executor),
    close: () => driver.close(),
  };
}
