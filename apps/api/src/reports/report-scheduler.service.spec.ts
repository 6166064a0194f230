import { ConfigError, ReportsConfig, SCHEDULABLE_FORMATS, SCHEDULABLE_REPORTS } from '@rampart/config';
import { REPORT_FORMATS, REPORT_NAMES } from '@rampart/reports';
import { ReportScheduler } from './report-scheduler.service';
import { ReportsService } from './reports.service';

const config = (cron: string): ReportsConfig => ({
  dir: '/tmp/never-written',
  chromiumPath: '/usr/bin/chromium',
  schedules: [{ cron, report: 'uncovered', format: 'json', entry: `${cron} uncovered json` }],
});

describe('report scheduler', () => {
  it('accepts exactly the reports and formats the reports library generates', () => {
    // libs/config does not import libs/reports: its own lists must not drift.
    expect(SCHEDULABLE_REPORTS).toEqual([...REPORT_NAMES]);
    expect(SCHEDULABLE_FORMATS).toEqual([...REPORT_FORMATS]);
  });

  it('stops the boot on a bad cron field, naming the entry and the field', () => {
    expect(() => new ReportScheduler(config('0 24 * * *'), {} as ReportsService)).toThrow(ConfigError);
    try {
      new ReportScheduler(config('0 24 * * *'), {} as ReportsService);
    } catch (e) {
      expect((e as ConfigError).problems[0]).toMatch(
        /^RAMPART_REPORT_SCHEDULES entry 1 \("0 24 \* \* \* uncovered json"\): .*hour/,
      );
    }
  });

  it('runs only the schedules due in the given minute, and keeps going when one fails', async () => {
    const calls: string[] = [];
    const reports = {
      generateToDir: async (report: string, format: string, o: { now: Date }) => {
        calls.push(`${format}@${o.now.getHours()}:${o.now.getMinutes()}`);
        if (format === 'pdf') throw new Error('no chromium');
        return { run: { file: `/r/${format}`, sha256: 'x' } };
      },
    } as unknown as ReportsService;
    const s = new ReportScheduler(
      {
        ...config('0 6 * * *'),
        schedules: [
          { cron: '0 6 * * *', report: 'uncovered', format: 'pdf', entry: 'a' },
          { cron: '0 6 * * *', report: 'uncovered', format: 'json', entry: 'b' },
          { cron: '0 7 * * *', report: 'uncovered', format: 'csv', entry: 'c' },
        ],
      },
      reports,
    );
    expect(await s.runDue(new Date(2026, 10, 23, 6, 0))).toEqual(['/r/json']);
    expect(calls).toEqual(['pdf@6:0', 'json@6:0']);
    expect(s.next(new Date(2026, 10, 23, 6, 30)).map((n) => n.at)).toEqual([
      new Date(2026, 10, 24, 6, 0),
      new Date(2026, 10, 24, 6, 0),
      new Date(2026, 10, 23, 7, 0),
    ]);
  });
});
