import neo4j, { Session } from 'neo4j-driver';
import { AppConfig } from '@rampart/config';
import { connectionOf } from './test-graph';

/**
 * A raw session for what the product never does itself: EXPLAIN-ing its query files and
 * checking the schema from outside. Product code goes through QueryExecutor.
 */
export async function driverSession<T>(config: AppConfig, work: (s: Session) => Promise<T>): Promise<T> {
  const conn = connectionOf(config);
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
  const session = driver.session({ database: conn.database });
  try {
    return await work(session);
  } finally {
    await session.close();
    await driver.close();
  }
}
