import { CronExpression, CronExpressionParser, CronFieldCollection } from 'cron-parser';

/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as Vixie cron reads
 * them: `*`, numbers, lists, ranges, steps, month names JAN-DEC and weekday names SUN-SAT (0 and
 * 7 are both Sunday). cron-parser reads the fields and finds the runs; this module keeps to Vixie's
 * grammar (no seconds, `@daily`, `L`, `W`, `#`, `?` or `H`) and day rule, names the field of an
 * error, and walks local time one stretch of constant UTC offset at a time (cron-parser's own
 * daylight-saving handling stumbles in some zones).
 */

export class CronError extends Error {
  override readonly name = 'CronError';
}

export type CronTimeZone = 'UTC' | 'local';

export interface CronSchedule {
  readonly expression: string;
  /** Each field's values, ascending. Months 1-12; weekdays 0-6, Sunday 0. */
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[];
  readonly months: readonly number[];
  readonly daysOfWeek: readonly number[];
  /**
   * Whether the day fields start with `*`. As in Vixie cron, when neither does a day matches if
   * EITHER matches ("1 * MON": the 1st and every Monday); otherwise both must.
   */
  readonly dayOfMonthStar: boolean;
  readonly dayOfWeekStar: boolean;
  /** cron-parser's reading of the fields (see `checkWeekday` for the days). */
  readonly fields: CronFieldCollection;
  /**
   * Whether the weekday is checked here: cron-parser matches both day fields only when one is
   * exactly `*` (then the other alone counts), so when Vixie needs both (a step over `*` and a
   * weekday) `fields` hold the days of the month alone.
   */
  readonly checkWeekday: boolean;
}

const FIELDS = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
const KEYS = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'] as const;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** One item of a list, in Vixie's grammar: `*` or a range with an optional step, or one value. */
const VALUE = String.raw`(?:\d+|[A-Za-z]{3})`;
const ITEM = new RegExp(String.raw`^(?:(?:\*|${VALUE}-${VALUE})(?:/\d+)?|${VALUE})$`);

/** How many candidate runs nextRun looks at (each day on the wrong weekday, each offset change, is one). */
const MAX_CANDIDATES = 10_000;
const MINUTE = 60_000;
const DAY = 86_400_000;

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') {
    throw new CronError(
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts[0] === '' ? 0 : parts.length} in "${expr}"`,
    );
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = parts.map((p, i) => fieldValues(p, i, expr));
  const daysOfWeek = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  const dayOfMonthStar = parts[2].startsWith('*');
  const dayOfWeekStar = parts[4].startsWith('*');
  let [dom, dow] = [daysOfMonth.join(','), daysOfWeek.join(',')];
  let checkWeekday = false;
  if (dayOfMonthStar || dayOfWeekStar) {
    if (daysOfMonth.length === 31) dom = '*';
    else if (daysOfWeek.length === 7) dow = '*';
    else [dow, checkWeekday] = ['*', true];
  }
  let fields: CronFieldCollection;
  try {
    fields = CronExpressionParser.parse(
      [minutes.join(','), hours.join(','), dom, months.join(','), dow].join(' '),
    ).fields;
  } catch {
    // The one error left once each field reads: days of the month that none of the months has.
    const names = months.map((m) => MONTHS[m - 1]).join(', ');
    throw new CronError(
      `"${expr}" never runs: ${names} ${months.length > 1 ? 'have' : 'has'} no day ${daysOfMonth.join(' or ')}`,
    );
  }
  return {
    expression: expr,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    dayOfMonthStar,
    dayOfWeekStar,
    fields,
    checkWeekday,
  };
}

/**
 * A field's values, ascending. cron-parser reads each item of a list on its own: it refuses a list
 * that names a value twice (`0,7`; `0,30` beside a step of 15), which Vixie cron takes.
 */
function fieldValues(text: string, index: number, expr: string): number[] {
  const fail = (what: string) => new CronError(`${FIELDS[index]}: ${what} in "${expr}"`);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw fail('a value is missing');
    if (!ITEM.test(item)) {
      throw fail(
        /^[^*-]+\//.test(item)
          ? `a step needs * or a range before it, not "${item}"`
          : `"${item}" is not *, a number, a name (JAN, MON) or a range, with an optional /step after * or a range`,
      );
    }
    const alone = ['*', '*', '*', '*', '*'];
    alone[index] = item;
    let read: readonly (number | string)[];
    try {
      read = CronExpressionParser.parse(alone.join(' ')).fields[KEYS[index]].values;
    } catch (e) {
      throw fail((e as Error).message);
    }
    for (const v of read) if (typeof v === 'number') values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

/** Whether the schedule runs in the minute that `date` falls in (by the wall clock in local time). */
export function cronMatches(schedule: CronSchedule, date: Date, timeZone: CronTimeZone = 'local'): boolean {
  const minute = new Date(Math.floor(date.getTime() / MINUTE) * MINUTE);
  return (
    searcher(schedule, zoneAt(minute.getTime(), timeZone)).includesDate(minute) &&
    weekdayMatches(schedule, minute, timeZone)
  );
}

/**
 * The first minute strictly after `after` in which the schedule runs, in the process's local time
 * or UTC. In local time a minute that a daylight-saving change skips does not exist, so it never
 * runs; a repeated hour runs once, at its first occurrence. cron-parser searches each stretch of
 * constant UTC offset; a run it finds past the stretch is searched again from the stretch's end.
 */
export function nextRun(schedule: CronSchedule, after: Date, timeZone: CronTimeZone = 'local'): Date {
  if (Number.isNaN(after.getTime())) throw new CronError(`no next run after an invalid date`);
  let from = after;
  let stretch: { zone: string; end: number } | undefined;
  for (let n = 0; n < MAX_CANDIDATES; n++) {
    const first = Math.floor(from.getTime() / MINUTE) * MINUTE + MINUTE;
    if (!stretch || first >= stretch.end) stretch = offsetStretch(first, timeZone);
    const search = searcher(schedule, stretch.zone);
    search.reset(from);
    const run = search.next().toDate();
    if (run.getTime() >= stretch.end) {
      from = new Date(stretch.end - 1);
      continue;
    }
    if (cronMatches(schedule, run, timeZone) && firstOccurrence(run, timeZone)) return run;
    // A day of the month on the wrong weekday: on to the next day.
    from = weekdayMatches(schedule, run, timeZone) ? run : laterOf(run, lastMinuteOfDay(run, timeZone));
  }
  throw new CronError(
    `"${schedule.expression}" never runs: no matching minute among ${MAX_CANDIDATES} candidates after ${after.toISOString()}`,
  );
}

/** A schedule's cron-parser expression at a fixed offset, made once per schedule and offset. */
const searchers = new WeakMap<CronSchedule, Map<string, CronExpression>>();
function searcher(schedule: CronSchedule, zone: string): CronExpression {
  let byZone = searchers.get(schedule);
  if (!byZone) searchers.set(schedule, (byZone = new Map()));
  let e = byZone.get(zone);
  if (!e) byZone.set(zone, (e = CronExpression.fieldsToExpression(schedule.fields, { tz: zone })));
  return e;
}

/** The UTC offset at `t` as a fixed zone cron-parser reads ("UTC+05:30"). */
function zoneAt(t: number, tz: CronTimeZone): string {
  if (tz === 'UTC') return 'UTC';
  const east = -Math.round(new Date(t).getTimezoneOffset());
  const abs = Math.abs(east);
  return `UTC${east < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * From `t`, the time until the UTC offset next changes (found day by day within 400 days, then to
 * the millisecond), and that offset; a stretch with no change ends after 400 days all the same.
 */
function offsetStretch(t: number, tz: CronTimeZone): { zone: string; end: number } {
  const zone = zoneAt(t, tz);
  if (tz === 'UTC') return { zone, end: Infinity };
  const offset = new Date(t).getTimezoneOffset();
  const same = (u: number) => new Date(u).getTimezoneOffset() === offset;
  let lo = t;
  while (lo + DAY <= t + 400 * DAY && same(lo + DAY)) lo += DAY;
  if (lo + DAY > t + 400 * DAY) return { zone, end: lo };
  let hi = lo + DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (same(mid)) lo = mid;
    else hi = mid;
  }
  return { zone, end: hi };
}

const weekdayMatches = (s: CronSchedule, d: Date, tz: CronTimeZone) =>
  !s.checkWeekday || s.daysOfWeek.includes(tz === 'UTC' ? d.getUTCDay() : d.getDay());

/** Whether `d` is the first time its wall clock reads that (a Date made of it takes the earlier). */
const firstOccurrence = (d: Date, tz: CronTimeZone) =>
  tz === 'UTC' ||
  new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()).getTime() ===
    d.getTime();

const laterOf = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

const lastMinuteOfDay = (d: Date, tz: CronTimeZone) =>
  tz === 'UTC'
    ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 23, 59))
    : new Date(d.getFullYear(), d.getMonth(), d.getDate(), 23, 59);
