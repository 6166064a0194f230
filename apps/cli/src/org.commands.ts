import { Command } from 'commander';
import { AppConfig } from '@rampart/config';
import { OrganizationDeletion } from '@rampart/graph';
import { audited, auditServiceFor, commandLine, numbersOf } from './cli-audit';
import { withGraph } from './with-graph';

type Say = (m: string) => void;

/** "org-gen-7 (Generated organisation 7): 3,214 entities, 12,001 relationships (Person 2000, ...)". */
function describeDeletion(d: OrganizationDeletion): string {
  const kinds = d.byLabel.map((b) => `${b.label} ${b.count}`).join(', ');
  const foreign = d.foreign.length
    ? `; stated elsewhere on its entities: ${d.foreign
        .map(
          (f) =>
            `${f.relationships} of ${f.organizationId ?? 'the threat library'} (${f.examples.join('; ')})`,
        )
        .join(', ')}`
    : '';
  return `${d.entities} entities (${kinds}), ${d.relationships} relationships${foreign}`;
}

/** `rampart org list|delete` and `rampart reset`: the organisations of the graph, whole. */
export function registerOrgCommands(program: Command, config: () => AppConfig, say: Say): void {
  const org = program.command('org').description('Organisations in the graph: list, delete');
  org
    .command('list')
    .description('Every organisation with its entity and relationship counts (tab-separated)')
    .action(() =>
      withGraph(config(), say, async (g) => {
        for (const c of await g.organizations.counts()) {
          const id = c.organizationId ?? '(threat library)';
          process.stdout.write(`${id}\t${c.name ?? '-'}\t${c.entities}\t${c.relationships}\n`);
        }
      }),
    );
  org
    .command('delete')
    .description(
      'Delete an organisation: its entities and every relationship touching them, in one transaction',
    )
    .argument('<id>')
    .option('--dry-run', 'only count what would be deleted')
    .option('--force', 'also remove relationships other organisations state on its entities')
    .action((id: string, o: { dryRun?: boolean; force?: boolean }) =>
      withGraph(config(), say, async (g) => {
        const d = await audited(
          auditServiceFor(g),
          {
            action: 'graph:admin',
            operation: commandLine('org', 'delete', id, o.dryRun && '--dry-run', o.force && '--force'),
            target: id,
            graphWrite: !o.dryRun,
          },
          () => g.organizationDeletion.delete(id, { dryRun: o.dryRun, force: o.force }),
          (r) => ({ counts: numbersOf(r), detail: r.dryRun ? 'dry run: nothing was deleted' : null }),
        );
        say(`${d.dryRun ? 'Would delete' : 'Deleted'} organisation ${id}: ${describeDeletion(d)}.`);
      }),
    );
  program
    .command('reset')
    .description(
      'Empty the graph for a fresh start: every organisation and the threat library (accounts and the audit trail stay)',
    )
    .option('--yes', 'really delete everything (required)')
    .action((o: { yes?: boolean }) =>
      withGraph(config(), say, async (g) => {
        if (!o.yes) {
          const counts = await g.organizations.counts();
          const total = counts.reduce((n, c) => n + c.entities, 0);
          const orgs = counts.filter((c) => c.organizationId !== null).length;
          say(
            `rampart reset deletes all ${total} entities (${orgs} organisation${orgs === 1 ? '' : 's'} and the threat library); run it with --yes to do so.`,
          );
          process.exitCode = 1;
          return;
        }
        const deleted = await audited(
          auditServiceFor(g),
          { action: 'graph:admin', operation: commandLine('reset', '--yes'), target: null, graphWrite: true },
          () => g.health.deleteAll(),
          (n) => ({ counts: { entities: n } }),
        );
        say(
          `Deleted ${deleted} entities; the graph is empty (npm start loads the demo into an empty graph).`,
        );
      }),
    );
}
