import * as path from 'node:path';
import { Command } from 'commander';
import { AppConfig, ConfigError, loadConfig } from '@rampart/config';
import {
  GraphContext,
  LauncherError,
  Neo4jConnectionError,
  Neo4jServerInfo,
  OrganizationCounts,
  Readiness,
  ResolvedNeo4j,
  startLocalNeo4j,
} from '@rampart/graph';
import { loadDemoIfEmpty } from '@rampart/interchange';
import { DomainError } from '@rampart/domain';
import { registerAuditCommands } from './audit.commands';
import { audited, auditServiceFor, commandLine, numbersOf } from './cli-audit';
import { InvalidInputError, registerInterchangeCommands } from './interchange.commands';
import { registerOrgCommands } from './org.commands';
import { registerReportCommands } from './report.commands';
import { registerUserCommands } from './user.commands';
import { withGraph } from './with-graph';

const say = (m: string) => process.stderr.write(`${m}\n`);

// A reader that stops early (`| head`) closes the pipe: the output is not wanted any more.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(0);
});

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

/** What `rampart status` reports: which Neo4j, how it was found, and what it holds. */
interface StatusReport {
  uri: string;
  resolvedBy: string;
  database: string;
  neo4j: Neo4jServerInfo | null;
  readiness: Readiness;
  organizations: OrganizationCounts[];
  sharedThreatLibrary: { entities: number; relationships: number };
}

async function statusOf(g: GraphContext, neo4j: ResolvedNeo4j): Promise<StatusReport> {
  const readiness = await g.health.readiness();
  const up = readiness.database === 'up';
  const counts = up ? await g.organizations.counts() : [];
  const shared = counts.find((c) => c.organizationId === null);
  return {
    uri: neo4j.connection.uri,
    resolvedBy: neo4j.via,
    database: neo4j.connection.database,
    neo4j: up ? await g.health.server() : null,
    readiness,
    organizations: counts.filter((c) => c.organizationId !== null),
    sharedThreatLibrary: { entities: shared?.entities ?? 0, relationships: shared?.relationships ?? 0 },
  };
}

function statusLines(s: StatusReport): string[] {
  const { schema, error } = s.readiness;
  const ready = s.readiness.ready
    ? `yes (schema version ${schema?.applied}, as this build expects)`
    : !schema
      ? `no (database down: ${error})`
      : `no (schema version ${schema.applied ?? 'none'}, this build expects ${schema.expected}: run rampart schema)`;
  const counted = (c: { entities: number; relationships: number }) =>
    `${c.entities} entities, ${c.relationships} relationships`;
  return [
    `URI: ${s.uri}`,
    `Resolved by: ${s.resolvedBy}`,
    `Neo4j: ${s.neo4j ? `${s.neo4j.version} ${s.neo4j.edition} edition` : 'unknown'} (database ${s.database})`,
    `Ready: ${ready}`,
    'Organisations:',
    ...(s.organizations.length ? [] : ['  (none)']),
    ...s.organizations.map((o) => `  ${o.organizationId}${o.name ? ` (${o.name})` : ''}: ${counted(o)}`),
    `  shared threat library: ${counted(s.sharedThreatLibrary)}`,
  ];
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
    .description(
      'Which Neo4j is used and how it was found, its version, readiness and schema version, and entities and relationships per organisation',
    )
    .option('--json', 'one JSON object instead of lines')
    .action((opts: { json?: boolean }) =>
      withGraph(config(), say, async (g, neo4j) => {
        const status = await statusOf(g, neo4j);
        const lines = opts.json ? [JSON.stringify(status)] : statusLines(status);
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
  registerInterchangeCommands(program, config, say);
  registerOrgCommands(program, config, say);
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
