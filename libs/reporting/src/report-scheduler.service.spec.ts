import { ConfigError, ReportsConfig, SCHEDULABLE_FORMATS, SCHEDULABLE_REPORTS } from '@rampart/config';
import { REPORT_FORMATS, REPORT_NAMES } from '@rampart/reports';
import { Redactor } from '@rampart/output';
import { RedactionService, currentRedactor } from '@rampart/access';
import { ReportScheduler, ScheduleLeases } from './report-scheduler.service';
import { ReportsService } from './reports.service';

const config = (cron: string): ReportsConfig => ({
  dir: '/tmp/never-written',
  chromiumPath: '/usr/bin/chromium',
  pdfTimeoutMs: 60_000,
  summaryRows: 100,
  schedules: [
    { cron, report: 'uncovered', format: 'json', clearance: 'TOP_SECRET', entry: `${cron} uncovered json` },
  ],
});

// One redactor per clearance, as RedactionService gives them out.
const redactors = new Map<string | null, Redactor>();
const redaction = {
  forClearance: async (c: string | null) => {
    if (!redactors.has(c))
      redactors.set(c, new Redactor([{ id: `x-${c}`, name: 'X', labels: [] }], Buffer.alloc(32)));
    return redactors.get(c)!;
  },
} as unknown as RedactionService;

/** shared-state/schedule-lease-take in memory: the first call for a key gets it, no other. */
const leaseStore = (): ScheduleLeases & { owners: Map<string, string> } => {
  const owners = new Map<string, string>();
  return {
    owners,
    takeScheduleLease: async (key: string, owner: string) => {
      if (owners.has(key)) return false;
      owners.set(key, owner);
      return true;
    },
  };
};

describe('report scheduler', () => {
  it('accepts exactly the reports and formats the reports library generates', () => {
    // libs/config does not import libs/reports: its own lists must not drift.
    expect(SCHEDULABLE_REPORTS).toEqual([...REPORT_NAMES]);
    expect(SCHEDULABLE_FORMATS).toEqual([...REPORT_FORMATS]);
  });

  it('stops the boot on a bad cron field, naming the entry and the field', () => {
    expect(
      () => new ReportScheduler(config('0 24 * * *'), {} as ReportsService, redaction, leaseStore()),
    ).toThrow(ConfigError);
    try {
      new ReportScheduler(config('0 24 * * *'), {} as ReportsService, redaction, leaseStore());
    } catch (e) {
      expect((e as ConfigError).problems[0]).toMatch(
        /^RAMPART_REPORT_SCHEDULES entry 1 \("0 24 \* \* \* uncovered json"\): .*hour/,
      );
    }
  });

  it('runs only the schedules due in the given minute, each with its clearance, and keeps going when one fails', async () => {
    const calls: string[] = [];
    const reports = {
      generateToDir: async (report: string, format: string, o: { now: Date; clearance: string | null }) => {
        // Made with the schedule's clearance, under the redactor of that clearance.
        expect(currentRedactor()).toBe(redactors.get(o.clearance));
        calls.push(`${format}@${o.now.getHours()}:${o.now.getMinutes()}/${o.clearance}`);
        if (format === 'pdf') throw new Error('no chromium');
        return { run: { file: `/r/${format}`, sha256: 'x' } };
      },
    } as unknown as ReportsService;
    const s = new ReportScheduler(
      {
        ...config('0 6 * * *'),
        schedules: [
          { cron: '0 6 * * *', report: 'uncovered', format: 'pdf', clearance: 'TOP_SECRET', entry: 'a' },
          { cron: '0 6 * * *', report: 'uncovered', format: 'json', clearance: 'OFFICIAL', entry: 'b' },
          { cron: '0 7 * * *', report: 'uncovered', format: 'csv', clearance: 'TOP_SECRET', entry: 'c' },
        ],
      },
      reports,
      redaction,
      leaseStore(),
    );
    expect(await s.runDue(new Date(2026, 10, 23, 6, 0))).toEqual(['/r/json']);
    expect(calls).toEqual(['pdf@6:0/TOP_SECRET', 'json@6:0/OFFICIAL']);
    expect(s.next(new Date(2026, 10, 23, 6, 30)).map((n) => n.at)).toEqual([
      new Date(2026, 10, 24, 6, 0),
      new Date(2026, 10, 24, 6, 0),
      new Date(2026, 10, 23, 7, 0),
    ]);
  });

  it('runs a due time once across instances sharing the leases, and not at all without a lease', async () => {
    const runs: string[] = [];
    const reports = {
      generateToDir: async (_r: string, format: string, o: { now: Date }) => {
        runs.push(o.now.toISOString());
        return { run: { file: `/r/${format}`, sha256: 'x' } };
      },
    } as unknown as ReportsService;
    const leases = leaseStore();
    const [a, b] = [0, 1].map(() => new ReportScheduler(config('0 6 * * *'), reports, redaction, leases));
    const at = new Date(2026, 10, 23, 6, 0);
    const files = await Promise.all([a.runDue(at), b.runDue(at), a.runDue(at)]);
    expect(files.flat()).toEqual(['/r/json']);
    expect(runs).toEqual([at.toISOString()]);
    expect([...leases.owners.keys()]).toEqual([`0 6 * * * uncovered json@${at.toISOString()}`]);
    // The next due time is a new lease.
    const next = new Date(2026, 10, 24, 6, 0);
    expect((await Promise.all([b.runDue(next), a.runDue(next)])).flat()).toEqual(['/r/json']);

    const down = new ReportScheduler(config('0 6 * * *'), reports, redaction, {
      takeScheduleLease: async () => {
        throw new Error('Neo4j cannot be reached');
      },
    });
    expect(await down.runDue(new Date(2026, 10, 25, 6, 0))).toEqual([]);
    expect(runs).toHaveLength(2);
  });
});
