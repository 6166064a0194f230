import { Driver } from 'neo4j-driver';
import { AppConfig, Neo4jConnection, Neo4jDriverLimits } from '@rampart/config';
import { connect } from './driver.factory';
import { QueryExecutor } from './query-executor';
import { Q } from './query-names';
import { QueryRegistry } from './query-registry';
import { GraphHealthRepository } from './repositories/graph-health.repository';
import { OrganizationRepository } from './repositories/organization.repository';
import { OrganizationDeletionRepository } from './repositories/organization-deletion.repository';
import { ExportRepository } from './repositories/export.repository';
import { ImportRepository } from './repositories/import.repository';
import { EntityRepository } from './repositories/entity.repository';
import { AnalyticsRepository } from './repositories/analytics.repository';
import { FindingsRepository } from './repositories/findings.repository';
import { RefreshTokenRepository } from './repositories/refresh-token.repository';
import { ReportRunRepository } from './repositories/report-run.repository';
import { UserRepository } from './repositories/user.repository';
import { AuditRepository } from './repositories/audit.repository';
import { GraphDigestRepository } from './repositories/graph-digest.repository';
import { SharedStateRepository } from './repositories/shared-state.repository';
import { SchemaService } from './schema.service';

export interface GraphOptions {
  connection: Neo4jConnection;
  cypherDir: string;
  txTimeoutMs: number;
  /** The timeout of import transactions (a whole file each); default txTimeoutMs. */
  importTxTimeoutMs?: number;
  /** Rows per UNWIND batch in imports. */
  batchSize?: number;
  /** The driver's waits (issue 19); default DEFAULT_DRIVER_LIMITS. */
  driverLimits?: Neo4jDriverLimits;
  /** While Neo4j is unreachable, queries fail at once and it is probed this often. */
  downRecheckMs?: number;
  /** Readiness answers within this. */
  readinessTimeoutMs?: number;
  /** Where the breaker says Neo4j went away and came back. */
  log?: (message: string) => void;
}

/** Everything built on one driver. The Nest module and the CLI/tests both use this. */
export interface GraphContext {
  driver: Driver;
  registry: QueryRegistry;
  executor: QueryExecutor;
  schema: SchemaService;
  health: GraphHealthRepository;
  organizations: OrganizationRepository;
  organizationDeletion: OrganizationDeletionRepository;
  entities: EntityRepository;
  analytics: AnalyticsRepository;
  findings: FindingsRepository;
  imports: ImportRepository;
  exports: ExportRepository;
  reportRuns: ReportRunRepository;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  audit: AuditRepository;
  digests: GraphDigestRepository;
  sharedState: SharedStateRepository;
  close(): Promise<void>;
}

/** The graph options of a validated config, for a Neo4j already resolved. */
export const graphOptionsFrom = (config: AppConfig, connection: Neo4jConnection): GraphOptions => ({
  connection,
  cypherDir: config.cypherDir,
  txTimeoutMs: config.neo4j.txTimeoutMs,
  importTxTimeoutMs: config.neo4j.importTxTimeoutMs,
  batchSize: config.importBatchSize,
  driverLimits: config.neo4j.driver,
  downRecheckMs: config.neo4j.downRecheckMs,
  readinessTimeoutMs: config.lifecycle.readinessTimeoutMs,
});

export async function createGraphContext(options: GraphOptions): Promise<GraphContext> {
  // Load and check the queries before connecting: a missing file is a build defect.
  const registry = new QueryRegistry(options.cypherDir).requireAll(Object.values(Q));
  const driver = await connect(options.connection, options.driverLimits);
  const executor = new QueryExecutor(driver, registry, options.connection.database, options.txTimeoutMs, {
    downRecheckMs: options.downRecheckMs,
    log: options.log,
  });
  const schema = new SchemaService(executor, registry, options.importTxTimeoutMs);
  return {
    driver,
    registry,
    executor,
    schema,
    health: new GraphHealthRepository(executor, schema, options.readinessTimeoutMs),
    organizations: new OrganizationRepository(executor),
    organizationDeletion: new OrganizationDeletionRepository(executor, options.importTxTimeoutMs),
    entities: new EntityRepository(executor),
    analytics: new AnalyticsRepository(executor, options.importTxTimeoutMs),
    findings: new FindingsRepository(executor, registry),
    imports: new ImportRepository(executor, options.batchSize, options.importTxTimeoutMs),
    exports: new ExportRepository(executor),
    reportRuns: new ReportRunRepository(executor),
    users: new UserRepository(executor),
    refreshTokens: new RefreshTokenRepository(executor),
    audit: new AuditRepository(executor),
    digests: new GraphDigestRepository(executor, options.importTxTimeoutMs),
    sharedState: new SharedStateRepository(executor),
    close: () => {
      executor.close();
      return driver.close();
    },
  };
}
