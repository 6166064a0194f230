import { Command, InvalidArgumentError } from 'commander';
import { AppConfig } from '@rampart/config';
import { AuditFilter, AuditRecord, Page, decodeCursor } from '@rampart/domain';
import { AuditService } from '@rampart/audit';
import { withServices } from './with-services';

type Say = (m: string) => void;

/** The actions the trail records (for help and hints; --action takes any action name). */
const KNOWN_ACTIONS = [
  'sign-in',
  'graph:write',
  'graph:import',
  'graph:export',
  'report:generate',
  'user:admin',
];

const pageSize = (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 500) throw new InvalidArgumentError('a whole number from 1 to 500.');
  return n;
};

const action = (v: string): string => {
  if (!/^[a-z][a-z-]*(:[a-z][a-z-]*)?$/.test(v)) {
    throw new InvalidArgumentError(`not an action; the trail records ${KNOWN_ACTIONS.join(', ')}.`);
  }
  return v;
};

/** An ISO date or date-time, as the stored ISO timestamps (UTC); a bare date `until` means its end. */
const isoTime = (end: boolean) => (v: string) => {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(v);
  const ms = Date.parse(dateOnly ? `${v}T00:00:00.000Z` : v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('an ISO date or date-time, e.g. 2026-03-01 or 2026-03-01T09:30:00Z.');
  }
  return new Date(dateOnly && end ? ms + 86_400_000 - 1 : ms).toISOString();
};

const cursor = (v: string): string => {
  let key: string | undefined;
  try {
    key = decodeCursor(v);
  } catch {
    // reported below
  }
  if (!key || !/^\d+$/.test(key)) {
    throw new InvalidArgumentError('not a cursor printed by rampart audit list (its "next page: --after").');
  }
  return v;
};

/** One line, at most `max` characters; `middle` keeps both ends (a command line's file names). */
const short = (v: string | null, max: number, middle = false): string => {
  if (v === null || v === '') return '-';
  const line = v.replace(/\s+/g, ' ');
  if (line.length <= max) return line;
  if (!middle) return `${line.slice(0, max - 1)}…`;
  const head = Math.ceil((max - 1) / 2);
  return `${line.slice(0, head)}…${line.slice(line.length - (max - 1 - head))}`;
};

/** The page as an aligned table, newest first, and where the next page starts. */
export function formatAuditPage(page: Page<AuditRecord>): string {
  const header = ['SEQ', 'AT', 'ACTOR', 'ACTION', 'OPERATION', 'OUTCOME', 'TARGET', 'DETAIL'];
  const rows = page.items.map(({ node: r }) => [
    String(r.seq),
    r.at,
    short(r.actor, 32),
    r.action,
    short(r.operation, 56, true),
    r.outcome,
    short(r.target, 32),
    short(r.detail, 60),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const showing = `Showing ${page.items.length} of ${page.totalCount}`;
  const footer = page.hasNextPage ? `${showing}; next page: --after ${page.endCursor}` : `${showing}.`;
  return [line(header), ...rows.map(line), footer].map((l) => `${l}\n`).join('');
}

interface ListOptions extends AuditFilter {
  first: number;
  after?: string;
  json?: boolean;
}

/** `rampart audit list|verify`: the hash-chained audit trail, from the same service as the API. */
export function registerAuditCommands(program: Command, config: () => AppConfig, say: Say): void {
  const audit = program
    .command('audit')
    .description('The audit trail: list records (newest first) and verify the hash chain');
  audit
    .command('list')
    .description('Audit records, newest first, as a table (or --json), a page at a time')
    .option('--first <n>', 'records per page, 1 to 500', pageSize, 50)
    .option('--action <action>', `only this action (${KNOWN_ACTIONS.join(', ')})`, action)
    .option('--actor <user>', 'only this actor: a username, or cli:<os user> for the CLI')
    .option('--since <iso>', 'only records at or after this date(-time), UTC', isoTime(false))
    .option(
      '--until <iso>',
      'only records at or before this date(-time); a bare date includes its day',
      isoTime(true),
    )
    .option('--after <cursor>', 'the next page: the cursor printed after the previous one', cursor)
    .option('--json', 'print the page as JSON: items {cursor, node}, hasNextPage, endCursor, totalCount')
    .action(async (o: ListOptions, cmd: Command) => {
      if (o.since && o.until && o.since > o.until) cmd.error('error: --since is after --until.');
      await withServices(config(), say, async (app) => {
        const filter: AuditFilter = { action: o.action, actor: o.actor, since: o.since, until: o.until };
        const page = await app.get(AuditService).page(filter, o.first, o.after);
        if (o.json) return void process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        if (!page.totalCount) {
          const filtered = Object.values(filter).some((v) => v !== undefined);
          say(filtered ? 'No audit records match.' : 'The audit trail is empty.');
          if (o.action && !KNOWN_ACTIONS.includes(o.action)) {
            say(`(${o.action} is not an action the trail records: ${KNOWN_ACTIONS.join(', ')}.)`);
          }
          return;
        }
        process.stdout.write(formatAuditPage(page));
      });
    });
  audit
    .command('verify')
    .description('Walk the whole hash chain from the first record; exit 1 at the first broken link')
    .action(async () => {
      await withServices(config(), say, async (app) => {
        const check = await app.get(AuditService).verify();
        const n = (k: number) => `${k} record${k === 1 ? '' : 's'}`;
        if (check.ok) {
          process.stdout.write(`Audit trail intact: ${n(check.records)}, chain verified.\n`);
          return;
        }
        process.stdout.write(
          `Audit trail BROKEN at record ${check.seq}: ${check.reason} (${n(check.records)} read).\n`,
        );
        process.exitCode = 1;
      });
    });
}
