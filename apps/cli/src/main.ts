import * as path from 'node:path';
import { Command } from 'commander';
import { AppConfig, ConfigError, loadConfig } from '@rampart/config';
import { LauncherError, Neo4jConnectionError, startLocalNeo4j } from '@rampart/graph';
import { loadDemoIfEmpty } from '@rampart/import';
import { DomainError } from '@rampart/domain';
import { registerAuditCommands } from './audit.commands';
import { audited, auditServiceFor, commandLine, numbersOf } from './cli-audit';
import { InvalidInputError, registerInterchangeCommands } from './interchange.commands';
import { registerReportCommands } from './report.commands';
import { registerUserCommands } from './user.commands';
import { withGraph } from './with-graph';

const say = (m: string) => process.stderr.write(`${m}\n`);

/** `rampart neo4j`: the local launcher in the foreground until Ctrl-C / SIGTERM. */
async function runNeo4j(config: AppConfig): Promise<void> {
  const neo4j = await startLocalNeo4j(config.neo4j, say);
  if (neo4j.source === 'local-reused') {
    say(`A local Neo4j already answers on ${neo4j.connection.uri}; nothing to start.`);
    return;
  }
  say(
    `Neo4j is ready on ${neo4j.connection.uri} (user ${neo4j.connection.user}). Rampart finds it there by itself; Ctrl-C stops it.`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      say('Stopping Neo4j (this takes a few seconds)...');
      void neo4j.stop().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function buildProgram(config: () => AppConfig): Command {
  const program = new Command('rampart')
    .description('Rampart: protective-security risk analytics on Neo4j')
    .showHelpAfterError();
  program
    .command('neo4j')
    .description('Run the local Neo4j launcher in the foreground')
    .action(() => runNeo4j(config()));
  program
    .command('schema')
    .description('Apply constraints and indexes (idempotent) and show the schema version')
    .action(() =>
      withGraph(config(), say, async (g) => {
        const s = await g.schema.apply();
        process.stdout.write(`${JSON.stringify(s)}\n`);
      }),
    );
  program
    .command('demo')
    .description('Load the demo organisation into an empty graph')
    .action(() =>
      withGraph(config(), say, async (g) => {
        await g.schema.apply();
        const file = config().demoFile;
        const r = await audited(
          auditServiceFor(g),
          {
            action: 'graph:import',
            operation: commandLine('demo'),
            target: path.basename(file),
            graphWrite: true,
          },
          () => loadDemoIfEmpty(g, file),
          (r) => (r ? { counts: numbersOf(r) } : { detail: 'the graph is not empty: nothing was loaded' }),
        );
        say(
          r
            ? `Loaded ${r.entities} entities and ${r.relationships} relationships.`
            : 'The graph is not empty: nothing loaded.',
        );
      }),
    );
  program
    .command('status')
    .description('Which Neo4j is used, whether it is ready, and the schema version')
    .action(() =>
      withGraph(config(), say, async (g) => {
        process.stdout.write(`${JSON.stringify(await g.health.readiness())}\n`);
      }),
    );
  registerInterchangeCommands(program, config, say);
  registerReportCommands(program, config, say);
  registerUserCommands(program, config, say);
  registerAuditCommands(program, config, say);
  return program;
}

const EXPECTED = [ConfigError, Neo4jConnectionError, LauncherError, DomainError];

if (require.main === module) {
  let cached: AppConfig | undefined;
  buildProgram(() => (cached ??= loadConfig()))
    .parseAsync(process.argv)
    .catch((e: unknown) => {
      if (e instanceof InvalidInputError) {
        process.exitCode = 1; // the problems are printed already
        return;
      }
      say(
        EXPECTED.some((k) => e instanceof k)
          ? `rampart: ${(e as Error).message}`
          : `rampart: ${e instanceof Error ? e.stack : String(e)}`,
      );
      process.exitCode = 1;
    });
}
