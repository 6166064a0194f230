import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'yaml';
import { AppConfig } from '@rampart/config';
import { entityId } from '@rampart/domain';
import {
  EXPORT_FORMATS,
  ExportFormat,
  ImportOutcome,
  ImportReport,
  InterchangeService,
  StixImportReport,
  generateOrganisation,
  formatIssue,
  importInputsOf,
  jsonChunks,
} from '@rampart/interchange';
import { WriteCounts } from '@rampart/graph';
import { audited, auditServiceFor, commandLine, numbersOf } from './cli-audit';
import { progressBar } from './progress-bar';
import { withServices } from './with-services';

type Say = (m: string) => void;

/** Thrown when input files are invalid: the errors are printed already; exit 1. */
export class InvalidInputError extends Error {}

function printReport(r: ImportReport, say: Say): void {
  if (!r.ok) {
    say(`${r.file}: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}; nothing was written:`);
    for (const i of r.issues) say(`  ${formatIssue(i)}`);
    return;
  }
  say(
    r.dryRun || !r.counts
      ? `${r.file}: valid (${r.entities} entities, ${r.relationships} relationships, organisation ${r.organizationId})`
      : `${r.file} (organisation ${r.organizationId}, source ${r.source}): ${countsLine(r.counts)}`,
  );
}

/** "entities: 0 created, 0 updated, 262 unchanged, 0 deleted; relationships: ..." (+ moved when any). */
export function countsLine(c: WriteCounts): string {
  const moved = (n: number) => (n ? ` (${n} now of this source)` : '');
  const relUnchanged = c.relationships - c.relationshipsCreated - c.relationshipsUpdated;
  return (
    `entities: ${c.created} created, ${c.changed - c.created} updated, ${c.nodes - c.changed} unchanged${moved(c.moved)}, ${c.pruned} deleted; ` +
    `relationships: ${c.relationshipsCreated} created, ${c.relationshipsUpdated} updated, ${relUnchanged} unchanged${moved(c.relationshipsMoved)}, ${c.relationshipsDeleted} deleted`
  );
}

/** What the audit trail records of an import: outcome, numbers, and why nothing was written. */
function judgeImport(o: ImportOutcome) {
  if (o.format === 'stix')
    return { counts: numbersOf(o.report), detail: o.report.dryRun ? 'dry run: nothing was written' : null };
  const r = o.report;
  return {
    outcome: r.ok ? ('success' as const) : ('failure' as const),
    counts: numbersOf({ entities: r.entities, relationships: r.relationships, counts: r.counts }),
    detail: !r.ok
      ? `${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}; nothing was written`
      : r.dryRun
        ? 'dry run: nothing was written'
        : null,
  };
}

/** One line for a STIX bundle: what it held and what was written. */
function stixLine(r: StixImportReport, ms?: number): string {
  const relationships = Object.values(r.relationships).reduce((a, b) => a + b, 0);
  return (
    `${r.file}: STIX ${r.catalogue}: ${r.attackPatterns} attack patterns, ${r.mitigations} mitigations, ${r.threats} threats, ` +
    `${relationships} relationships (${r.counts ? `${r.counts.created} created` : 'dry run, nothing written'})` +
    (ms === undefined ? '' : ` in ${(ms / 1000).toFixed(1)} s`)
  );
}

/** Standard output, waiting while a pipe is full (a large file goes out in pieces). */
const writeOut = (text: string) =>
  new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of at least 1.`);
  return n;
};

const organizationIdArg = (v: string) => {
  const r = entityId.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(`--org-id: ${r.error.issues[0].message}.`);
  return v;
};

export function registerInterchangeCommands(program: Command, config: () => AppConfig, say: Say): void {
  registerGenerate(program, say);
  registerImport(program, config, say);
  registerValidate(program, config, say);
  registerExport(program, config, say);
}

/** `rampart generate`: needs no database. */
function registerGenerate(program: Command, say: Say): void {
  program
    .command('generate')
    .description('Write a deterministic, realistic organisation file (JSON, or YAML for a .yaml/.yml --out)')
    .requiredOption('--people <n>', 'number of people (about 1.5 entities each)', positiveInt('--people'))
    .option('--seed <n>', 'random seed', positiveInt('--seed'), 1)
    .option(
      '--org-id <id>',
      'the organisation id, and the prefix of every other id in the file (default: org-gen-<seed>)',
      organizationIdArg,
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { people: number; seed: number; orgId?: string; out?: string }) => {
      const started = Date.now();
      const doc = generateOrganisation({ people: opts.people, seed: opts.seed, organizationId: opts.orgId });
      // JSON in pieces: a large organisation's file is longer than one string can be.
      const pieces =
        opts.out && /\.ya?ml$/i.test(opts.out)
          ? [stringify(doc, { lineWidth: 0 })]
          : jsonChunks(doc as unknown as Record<string, unknown>);
      if (!opts.out) {
        for (const piece of pieces) await writeOut(piece);
        return void (await writeOut('\n'));
      }
      let bytes = 0;
      const fd = fs.openSync(opts.out, 'w');
      try {
        for (const piece of pieces) bytes += fs.writeSync(fd, piece);
      } finally {
        fs.closeSync(fd);
      }
      say(
        `Wrote ${opts.out}: ${opts.people} people, ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    });
}

/** `rampart import`: each input all or nothing, in order, each attempt audited. */
function registerImport(program: Command, config: () => AppConfig, say: Say): void {
  program
    .command('import')
    .description(
      'Import organisation files (YAML or JSON), CSV sets (a directory of .csv files, or .csv files) ' +
        'or STIX 2.1 bundles, in order; readers see each whole or not at all, and a failed one changes nothing',
    )
    .argument('<files...>')
    .option('--org <id>', 'organisation for files without an organization section')
    .option(
      '--source <name>',
      'source name recorded on the entities (default: the file name; csv:<directory> for a CSV set)',
    )
    .option('--prune', 'remove entities of the same source that the file no longer contains')
    .option('--dry-run', 'validate only')
    .action((files: string[], opts: { org?: string; source?: string; prune?: boolean; dryRun?: boolean }) =>
      withServices(config(), say, async (app, g) => {
        await g.schema.apply();
        const interchange = app.get(InterchangeService);
        const audit = auditServiceFor(g);
        const options = {
          organizationId: opts.org,
          source: opts.source,
          prune: opts.prune,
          dryRun: opts.dryRun,
        };
        const flags = [
          opts.org && `--org=${opts.org}`,
          opts.source && `--source=${opts.source}`,
          opts.prune && '--prune',
          opts.dryRun && '--dry-run',
        ];
        // Every attempt is recorded, one record per input (each its own transaction), dry runs too.
        for (const input of importInputsOf(files)) {
          const started = Date.now();
          const bar = progressBar(input.target.replace(/^csv:/, ''));
          const outcome = await audited(
            audit,
            {
              action: 'graph:import',
              operation: commandLine('import', ...input.paths, ...flags),
              target: input.target,
              graphWrite: !opts.dryRun,
            },
            () => {
              const request = { ...options, onProgress: (d: number, t: number) => bar.update(d, t) };
              // A JSON file is read entry by entry and written in batches: any size fits in memory.
              return input.file
                ? interchange.importFile(input.file, request)
                : interchange.import(input.read(), request);
            },
            judgeImport,
          );
          if (outcome.format === 'stix') {
            say(stixLine(outcome.report, Date.now() - started));
            continue;
          }
          printReport(outcome.report, say);
          if (!outcome.ok) throw new InvalidInputError(`${outcome.report.file} is invalid`);
        }
      }),
    );
}

/** `rampart validate`: a dry-run import of every input. */
function registerValidate(program: Command, config: () => AppConfig, say: Say): void {
  program
    .command('validate')
    .description(
      'Check organisation files and CSV sets (a directory, or .csv files) against the format and the graph without writing anything',
    )
    .argument('<files...>')
    .option('--org <id>', 'organisation for files without an organization section')
    .action((files: string[], opts: { org?: string }) =>
      withServices(config(), say, async (app) => {
        const interchange = app.get(InterchangeService);
        const inputs = importInputsOf(files);
        let failed = 0;
        for (const input of inputs) {
          const outcome = input.file
            ? await interchange.validateFile(input.file, { organizationId: opts.org })
            : await interchange.import(input.read(), { organizationId: opts.org, dryRun: true });
          if (outcome.format === 'stix') say(stixLine(outcome.report));
          else printReport(outcome.report, say);
          if (!outcome.ok) failed++;
        }
        if (failed) throw new InvalidInputError(`${failed} of ${inputs.length} inputs are invalid`);
      }),
    );
}

/** `rampart export`: to standard output, a file, or a directory of CSV files. */
function registerExport(program: Command, config: () => AppConfig, say: Say): void {
  program
    .command('export')
    .description(
      'Export the graph: native YAML/JSON or a CSV set (one organisation), Cytoscape JSON or GraphML',
    )
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('yaml'))
    .option('--org <id>', 'organisation to export')
    .option('--source <name>', 'only entities of this source')
    .option(
      '--out <file>',
      'write to this file instead of standard output; with --format csv, a directory for the files of the set (a name ending in .zip: the ZIP archive, as on standard output)',
    )
    .action((opts: { format: ExportFormat; org?: string; source?: string; out?: string }) =>
      withServices(config(), say, async (app, g) => {
        const result = await audited(
          auditServiceFor(g),
          {
            action: 'graph:export',
            operation: commandLine(
              'export',
              `--format=${opts.format}`,
              opts.org && `--org=${opts.org}`,
              opts.source && `--source=${opts.source}`,
              opts.out && `--out=${opts.out}`,
            ),
            target: opts.format,
          },
          () =>
            app
              .get(InterchangeService)
              .export(opts.format, { organizationId: opts.org, source: opts.source }),
          (r) => ({ counts: { bytes: Buffer.byteLength(r.body) } }),
        );
        if (opts.out && result.format === 'csv' && !/\.zip$/i.test(opts.out)) {
          fs.mkdirSync(opts.out, { recursive: true });
          for (const f of result.files) fs.writeFileSync(path.join(opts.out, f.name), f.text);
          say(
            `Wrote ${result.files.length} CSV files to ${opts.out}: ${result.files.map((f) => f.name).join(', ')}.`,
          );
        } else if (opts.out) {
          fs.writeFileSync(opts.out, result.body);
          say(`Wrote ${opts.out} (${result.format}, ${Buffer.byteLength(result.body)} bytes).`);
        } else process.stdout.write(result.body);
      }),
    );
}
