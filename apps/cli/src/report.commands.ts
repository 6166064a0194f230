import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import { AppConfig } from '@rampart/config';
import {
  REPORT_FORMATS,
  REPORT_NAMES,
  diffReports,
  formatDiff,
  parseUncoveredReport,
} from '@rampart/reports';
import { AuditService } from '@rampart/audit';
import { ReportsService } from '@rampart/reporting';
import { audited, commandLine } from './cli-audit';
import { withServices } from './with-services';

type Say = (m: string) => void;

/** `rampart report <name>` (generate, from the same services as the API) and `rampart report diff`. */
export function registerReportCommands(program: Command, config: () => AppConfig, say: Say): void {
  const report = program
    .command('report')
    .description(
      `Generate a report (${REPORT_NAMES.join(', ')}) or compare two: rampart report diff <a.json> <b.json>`,
    )
    .argument('<name>', `the report: ${REPORT_NAMES.join(', ')}`)
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('pdf'))
    .option(
      '--out <file>',
      'write here (default: rampart-<name>-<as of>.<format> in the current directory; - for stdout)',
    )
    .option('--org <organizationId>', 'one organisation (default: all)')
    .option('--as-of <date>', 'as of this date, YYYY-MM-DD (default: today)')
    .action(async (name: string, o: { format: string; out?: string; org?: string; asOf?: string }) => {
      await withServices(config(), say, async (app) => {
        const r = await audited(
          app.get(AuditService),
          {
            action: 'report:generate',
            operation: commandLine(
              'report',
              name,
              `--format=${o.format}`,
              o.org && `--org=${o.org}`,
              o.asOf && `--as-of=${o.asOf}`,
              o.out && `--out=${o.out}`,
            ),
            target: name,
          },
          () =>
            app
              .get(ReportsService)
              .generate(name, o.format, { organizationId: o.org, asOf: o.asOf, trigger: 'cli' }),
          (r) => ({ counts: { bytes: r.run.bytes }, detail: `run ${r.run.id}` }),
        );
        if (o.out === '-') {
          process.stdout.write(r.content);
          return;
        }
        const file = path.resolve(o.out ?? r.fileName);
        fs.writeFileSync(file, r.content);
        say(`Wrote ${file} (${r.run.bytes} bytes, sha256 ${r.run.sha256}); recorded as run ${r.run.id}.`);
      });
    });
  report
    .command('diff')
    .description(
      'What changed between two uncovered reports generated as JSON: new and resolved uncovered assets and findings',
    )
    .argument('<a>', 'the older report (.json)')
    .argument('<b>', 'the newer report (.json)')
    .option('--json', 'print the difference as JSON')
    .action((a: string, b: string, o: { json?: boolean }) => {
      const read = (f: string) => parseUncoveredReport(fs.readFileSync(f, 'utf8'), f);
      const d = diffReports(read(a), read(b));
      process.stdout.write(o.json ? `${JSON.stringify(d, null, 2)}\n` : formatDiff(d));
    });
}
