import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigError, ReportSchedule, ReportsConfig } from '@rampart/config';
import { SharedStateRepository } from '@rampart/graph';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CronError, CronSchedule, cronMatches, nextRun, parseCron } from '@rampart/reports';
import { REPORTS_CONFIG } from './reports-config';
import { RedactionService, runRedacted } from '@rampart/access';
import { ReportsService } from './reports.service';

/** setTimeout's longest delay; a later run is re-armed on the way. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/** What the scheduler needs of the shared state: one lease per schedule and due time. */
export type ScheduleLeases = Pick<SharedStateRepository, 'takeScheduleLease'>;

/**
 * Runs the reports of RAMPART_REPORT_SCHEDULES (cron, local time) into the reports directory,
 * each recorded like any other generation. A failed run is logged and the next one still comes.
 * Every API instance arms the same timers; before a run each takes the lease of that schedule and
 * due time in Neo4j, and only the one that got it runs the report (issue 21): once per due time
 * however many instances there are. An instance that dies during a run does not hand it on.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reports');
  private readonly schedules: { schedule: ReportSchedule; cron: CronSchedule }[];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** This instance, as its leases name it. */
  private readonly instance = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(REPORTS_CONFIG) config: ReportsConfig,
    private readonly reports: ReportsService,
    private readonly redaction: RedactionService,
    @Inject(SharedStateRepository) private readonly leases: ScheduleLeases,
  ) {
    // Cron fields are checked here, at boot, so a bad schedule stops the start with its entry named.
    this.schedules = config.schedules.map((schedule, i) => {
      try {
        return { schedule, cron: parseCron(schedule.cron) };
      } catch (e) {
        if (!(e instanceof CronError)) throw e;
        throw new ConfigError([
          `RAMPART_REPORT_SCHEDULES entry ${i + 1} ("${schedule.entry}"): ${e.message}`,
        ]);
      }
    });
  }

  onApplicationBootstrap(): void {
    for (const s of this.schedules) {
      this.arm(s, new Date());
      this.logger.log(
        `Scheduled: ${s.schedule.report} as ${s.schedule.format} (${s.schedule.cron}), next ${nextRun(s.cron, new Date()).toString()}`,
      );
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** The next run of each schedule after `from`. */
  next(from: Date = new Date()): { schedule: ReportSchedule; at: Date }[] {
    return this.schedules.map((s) => ({ schedule: s.schedule, at: nextRun(s.cron, from) }));
  }

  /** Runs every schedule due in the minute of `at` whose lease this instance gets (tests call it directly). */
  async runDue(at: Date): Promise<string[]> {
    const files: string[] = [];
    for (const s of this.schedules.filter((x) => cronMatches(x.cron, at))) {
      const file = await this.runOne(s.schedule, at);
      if (file) files.push(file);
    }
    return files;
  }

  private async runOne(schedule: ReportSchedule, at: Date): Promise<string | null> {
    if (!(await this.claim(schedule, at))) return null;
    try {
      // Need-to-know: a schedule's report is made for the clearance the schedule states.
      const redactor = await this.redaction.forClearance(schedule.clearance);
      const r = await runRedacted(redactor, () =>
        this.reports.generateToDir(schedule.report, schedule.format, {
          trigger: 'schedule',
          now: at,
          clearance: schedule.clearance,
        }),
      );
      this.logger.log(
        `Scheduled report ${schedule.report} (${schedule.format}) written to ${r.run.file}, sha256 ${r.run.sha256}`,
      );
      return r.run.file;
    } catch (e) {
      this.logger.error(
        `Scheduled report ${schedule.report} (${schedule.format}) failed: ${(e as Error).message}`,
      );
      return null;
    }
  }

  /** Whether this instance got the lease of the schedule's due time `at` (and so runs it). */
  private async claim(schedule: ReportSchedule, at: Date): Promise<boolean> {
    const what = `Scheduled report ${schedule.report} (${schedule.format}) due ${at.toISOString()}`;
    try {
      const key = `${schedule.entry}@${at.toISOString()}`;
      const mine = await this.leases.takeScheduleLease(key, this.instance, at.getTime(), Date.now());
      if (!mine) this.logger.log(`${what}: another instance runs it.`);
      return mine;
    } catch (e) {
      // Without Neo4j the run could not be recorded either: it is skipped, not run twice.
      this.logger.error(`${what} not run: its lease could not be taken: ${(e as Error).message}`);
      return false;
    }
  }

  private arm(s: { schedule: ReportSchedule; cron: CronSchedule }, after: Date): void {
    if (this.stopped) return;
    const at = nextRun(s.cron, after);
    const delay = at.getTime() - Date.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (delay > MAX_DELAY_MS) return this.arm(s, after);
        void this.runOne(s.schedule, at).finally(() => this.arm(s, at));
      },
      Math.max(0, Math.min(delay, MAX_DELAY_MS)),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
