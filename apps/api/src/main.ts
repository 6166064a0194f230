import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Server } from 'node:http';
import { ConfigError, loadConfig } from '@rampart/config';
import {
  GraphContext,
  LauncherError,
  Neo4jConnectionError,
  ResolvedNeo4j,
  createGraphContext,
  graphOptionsFrom,
  resolveNeo4j,
} from '@rampart/graph';
import { loadDemoIfEmpty } from '@rampart/interchange';
import { auditedOperations } from './audit/audit.interceptor';
import { UserAdminService } from '@rampart/access';
import { signInBanner } from './auth/sign-in-banner';
import { createApp } from './bootstrap';
import { createLogger } from './logging';

/** Start-up failures a user can fix get one clear line, not a stack trace. */
const EXPECTED = [ConfigError, Neo4jConnectionError, LauncherError];

async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const log = (msg: string) => logger.info(msg);
  let neo4j: ResolvedNeo4j | undefined;
  let graph: GraphContext | undefined;
  let app: INestApplication | undefined;
  let stopping = false;
  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`Stopping (${reason})...`);
    if (app) await drain(app.getHttpServer() as Server, config.lifecycle.shutdownGraceMs, logger);
    // app.close() closes the driver through GraphModule; a graph without an app is closed here.
    await (app ? app.close() : graph?.close())?.catch((e: Error) => logger.error(e));
    await neo4j?.stop().catch((e: Error) => logger.error(e));
    logger.info('Stopped.');
    process.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));

  try {
    neo4j = await resolveNeo4j(config.neo4j, log);
    log(`Using ${neo4j.description}.`);
    graph = await createGraphContext({
      ...graphOptionsFrom(config, neo4j.connection),
      log: (m) => logger.warn(m),
    });
    const schema = await graph.schema.apply();
    log(`Schema version ${schema.applied} applied.`);
    if (argv.includes('--demo')) {
      const demo = await loadDemoIfEmpty(graph, config.demoFile);
      log(
        demo
          ? `Loaded the demo organisation: ${demo.entities} entities, ${demo.relationships} relationships.`
          : 'Graph not empty: demo not loaded.',
      );
    }
    app = await createApp({ config, graph, logger });
    const base = `http://${config.host}:${config.port}`;
    const accounts = await app.get(UserAdminService).bootstrap();
    if (accounts.generatedPassword) process.stdout.write(signInBanner(accounts.generatedPassword, base));
    else if (accounts.created) log('Created the account admin with RAMPART_ADMIN_PASSWORD.');
    await app.listen(config.port, config.host);
    log(`Rampart is up: GraphQL ${base}/graphql, REST ${base}/api, readiness ${base}/health/ready`);
  } catch (e) {
    if (EXPECTED.some((k) => e instanceof k)) process.stderr.write(`rampart: ${(e as Error).message}\n`);
    else logger.error(e);
    await shutdown('start-up failed', 1);
  }
}

/** How long interrupted operations get to roll back and append their audit records. */
const INTERRUPTED_RECORD_WAIT_MS = 5000;

/**
 * SIGTERM (issue 19): no new connections; requests in flight finish within `graceMs`; past it
 * they are cut, and the audited ones among them interrupted (rolled back, recorded as such)
 * before the driver closes.
 */
async function drain(
  server: Server,
  graceMs: number,
  logger: { info(m: string): void; warn(m: string): void },
) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections idle between requests would hold the server open: close them as they idle.
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const drained = await Promise.race([closed.then(() => true), grace]);
  clearInterval(idle);
  clearTimeout(timer);
  if (drained) return logger.info('Every request in flight finished.');
  const interrupted = auditedOperations.interruptAll(
    `Rampart shut down: RAMPART_SHUTDOWN_GRACE_MS (${graceMs} ms) passed`,
  );
  logger.warn(
    `Requests still in flight after ${graceMs} ms (RAMPART_SHUTDOWN_GRACE_MS): cutting them` +
      (interrupted ? `; ${interrupted} audited operation(s) interrupted and recorded.` : '.'),
  );
  server.closeAllConnections();
  if (!(await auditedOperations.settled(INTERRUPTED_RECORD_WAIT_MS))) {
    logger.warn(`Interrupted operations did not finish within ${INTERRUPTED_RECORD_WAIT_MS} ms.`);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof ConfigError) process.stderr.write(`rampart: ${e.message}\n`);
  else process.stderr.write(`rampart: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
