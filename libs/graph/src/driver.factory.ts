import neo4j, { Driver } from 'neo4j-driver';
import { Neo4jConnection, Neo4jDriverLimits } from '@rampart/config';
import { neo4jErrorCode } from './neo4j-errors';

/** Raised when Neo4j cannot be reached or used; its message is one actionable line. */
export class Neo4jConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'Neo4jConnectionError';
  }
}

/** The defaults of NEO4J_CONNECTION_TIMEOUT_MS, NEO4J_ACQUISITION_TIMEOUT_MS and NEO4J_MAX_RETRY_MS. */
export const DEFAULT_DRIVER_LIMITS: Neo4jDriverLimits = {
  connectionTimeoutMs: 1000,
  acquisitionTimeoutMs: 5000,
  maxRetryMs: 500,
};

export function createDriver(
  conn: Neo4jConnection,
  limits: Neo4jDriverLimits = DEFAULT_DRIVER_LIMITS,
): Driver {
  return neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
    // Plain JS numbers come back as Integer objects; the mapper converts them in one place.
    disableLosslessIntegers: false,
    // Each wait bounded (issue 19): the driver's defaults (30 s to connect, 60 s for a pooled
    // connection, 30 s of retries) kept a request hanging that long when Neo4j was gone.
    connectionTimeout: limits.connectionTimeoutMs,
    connectionAcquisitionTimeout: limits.acquisitionTimeoutMs,
    // Managed transactions retry transient errors (a lost connection, a deadlock) until this much
    // time has passed since the first failure; the first retry comes after about 1 s.
    maxTransactionRetryTime: limits.maxRetryMs,
    maxConnectionPoolSize: 50,
    userAgent: 'rampart/0.1',
  });
}

/** Explains a failed connectivity check in one line: what failed, where, and what to do. */
export function describeConnectionFailure(conn: Neo4jConnection, e: unknown): string {
  const code = neo4jErrorCode(e) ?? '';
  const cause = e instanceof Error ? e.message.split('\n')[0] : String(e);
  if (
    code === 'Neo.ClientError.Security.Unauthorized' ||
    code === 'Neo.ClientError.Security.AuthenticationRateLimit'
  ) {
    return `Neo4j at ${conn.uri} refused user "${conn.user}": check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return `Neo4j at ${conn.uri} has no database "${conn.database}": check NEO4J_DATABASE.`;
  }
  return `Cannot reach Neo4j at ${conn.uri} (${cause}): is it running? Check NEO4J_URI, or unset it to let Rampart start a local Neo4j.`;
}

/** Creates a driver and proves it can run a query on the configured database. */
export async function connect(conn: Neo4jConnection, limits?: Neo4jDriverLimits): Promise<Driver> {
  const driver = createDriver(conn, limits);
  try {
    await driver.verifyConnectivity({ database: conn.database });
    // verifyConnectivity does not always open the database itself: ask it something.
    const s = driver.session({ database: conn.database });
    try {
      await s.run('RETURN 1');
    } finally {
      await s.close();
    }
    return driver;
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw new Neo4jConnectionError(describeConnectionFailure(conn, e), { cause: e });
  }
}
