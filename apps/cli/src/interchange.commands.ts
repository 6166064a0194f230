import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import { AppConfig } from '@rampart/config';
import {
  EXPORT_FORMATS,
  ExportFormat,
  Exporter,
  ImportReport,
  NativeImporter,
  StixImporter,
  generateOrganisation,
  formatIssue,
} from '@rampart/import';
import { progressBar } from './progress-bar';
import { withGraph } from './with-graph';

type Say = (m: string) => void;

/** Thrown when input files are invalid: the errors are printed already; exit 1. */
export class InvalidInputError extends Error {}

function printReport(r: ImportReport, say: Say): void {
  if (!r.ok) {
    say(`${r.file}: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}; nothing was written:`);
    for (const i of r.issues) say(`  ${formatIssue(i)}`);
    return;
  }
  const c = r.counts;
  say(
    r.dryRun || !c
      ? `${r.file}: valid (${r.entities} entities, ${r.relationships} relationships, organisation ${r.organizationId})`
      : `${r.file}: ${c.created} created, ${c.changed - c.created} updated, ${c.nodes - c.changed} unchanged, ` +
          `${c.relationships} relationships (${c.relationshipsDeleted} stale removed)${c.pruned ? `, ${c.pruned} pruned` : ''}`,
  );
}

/** A STIX 2.1 bundle (JSON whose top-level type is "bundle") goes to the threat library importer. */
function isStixBundle(file: string): boolean {
  if (!/\.json$/i.test(file)) return false;
  const head = fs.readFileSync(file, 'utf8').slice(0, 2000);
  return /"type"\s*:\s*"bundle"/.test(head);
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of at least 1.`);
  return n;
};

export function registerInterchangeCommands(program: Command, config: () => AppConfig, say: Say): void {
  program
    .command('generate')
    .description('Write a deterministic, realistic organisation file (JSON, or YAML for a .yaml/.yml --out)')
    .requiredOption('--people <n>', 'number of people (about 1.5 entities each)', positiveInt('--people'))
    .option('--seed <n>', 'random seed', positiveInt('--seed'), 1)
    .option('--out <file>', 'write to this file instead of standard output')
    .action((opts: { people: number; seed: number; out?: string }) => {
      const started = Date.now();
      const doc = generateOrganisation({ people: opts.people, seed: opts.seed });
      const body =
        opts.out && /\.ya?ml$/i.test(opts.out) ? stringify(doc, { lineWidth: 0 }) : JSON.stringify(doc);
      if (!opts.out) return void process.stdout.write(`${body}\n`);
      fs.writeFileSync(opts.out, body);
      say(
        `Wrote ${opts.out}: ${opts.people} people, ${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    });

  program
    .command('import')
    .description(
      'Import organisation files (YAML or JSON) or STIX 2.1 bundles, each in one transaction, in order',
    )
    .argument('<files...>')
    .option('--org <id>', 'organisation for files without an organization section')
    .option('--source <name>', 'source name recorded on the entities (default: the file name)')
    .option('--prune', 'remove entities of the same source that the file no longer contains')
    .option('--dry-run', 'validate only')
    .action((files: string[], opts: { org?: string; source?: string; prune?: boolean; dryRun?: boolean }) =>
      withGraph(config(), say, async (g) => {
        await g.schema.apply();
        const importer = new NativeImporter(g);
        for (const file of files) {
          const bar = progressBar(path.basename(file));
          if (isStixBundle(file)) {
            const started = Date.now();
            const r = await new StixImporter(g).importFile(file, {
              prune: opts.prune,
              onProgress: (d, t) => bar.update(d, t),
            });
            say(
              `${r.file}: STIX ${r.catalogue}: ${r.attackPatterns} attack patterns, ${r.mitigations} mitigations, ${r.threats} threats, ` +
                `${Object.values(r.relationships).reduce((a, b) => a + b, 0)} relationships (${r.counts.created} created) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            );
            continue;
          }
          const report = await importer.importFile(file, {
            organizationId: opts.org,
            source: opts.source,
            prune: opts.prune,
            dryRun: opts.dryRun,
            onProgress: (d, t) => bar.update(d, t),
          });
          printReport(report, say);
          if (!report.ok) throw new InvalidInputError(`${file} is invalid`);
        }
      }),
    );

  program
    .command('validate')
    .description('Check organisation files against the format and the graph without writing anything')
    .argument('<files...>')
    .option('--org <id>', 'organisation for files without an organization section')
    .action((files: string[], opts: { org?: string }) =>
      withGraph(config(), say, async (g) => {
        const importer = new NativeImporter(g);
        let failed = 0;
        for (const file of files) {
          const report = await importer.importFile(file, { organizationId: opts.org, dryRun: true });
          printReport(report, say);
          if (!report.ok) failed++;
        }
        if (failed) throw new InvalidInputError(`${failed} of ${files.length} files are invalid`);
      }),
    );

  program
    .command('export')
    .description('Export the graph: native YAML/JSON (one organisation), Cytoscape JSON or GraphML')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('yaml'))
    .option('--org <id>', 'organisation to export')
    .option('--source <name>', 'only entities of this source')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((opts: { format: ExportFormat; org?: string; source?: string; out?: string }) =>
      withGraph(config(), say, async (g) => {
        const result = await new Exporter(g).export(opts.format, {
          organizationId: opts.org,
          source: opts.source,
        });
        if (opts.out) {
          fs.writeFileSync(opts.out, result.body);
          say(`Wrote ${opts.out} (${result.format}, ${Buffer.byteLength(result.body)} bytes).`);
        } else process.stdout.write(result.body);
      }),
    );
}
