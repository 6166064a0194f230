/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week), as Vixie cron reads
 * them: `*`, numbers, lists, ranges, steps, month names JAN-DEC and weekday names SUN-SAT (0 and
 * 7 are both Sunday).
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
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Names for min, min+1, ... */
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is accepted as Sunday, then folded onto 0.
  { name: 'day-of-week', min: 0, max: 7, names: WEEKDAYS },
];

/**
 * How far nextRun looks. The Gregorian calendar repeats every 400 years (a whole number of weeks),
 * so a schedule that can run at all runs within that; a 29 February that must be a Sunday is 28
 * years apart. Schedules that never run are caught before searching.
 */
const SEARCH_YEARS = 400;
const LONGEST_MONTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') {
    throw new CronError(
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts[0] === '' ? 0 : parts.length} in "${expr}"`,
    );
  }
  const [minutes, hours, daysOfMonth, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i], expr));
  return {
    expression: expr,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek: [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b),
    dayOfMonthStar: parts[2].startsWith('*'),
    dayOfWeekStar: parts[4].startsWith('*'),
  };
}

function parseField(text: string, spec: FieldSpec, expr: string): number[] {
  const fail = (what: string) => new CronError(`${spec.name}: ${what} in "${expr}"`);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^([^/]*)(?:\/(.*))?$/.exec(item)!;
    const [, base, stepText] = m;
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
        throw fail(`step "${stepText}" is not a positive whole number`);
      }
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (base === '*') {
      [from, to] = [spec.min, spec.max];
    } else if (base.includes('-')) {
      const bounds = base.split('-');
      if (bounds.length !== 2) throw fail(`"${base}" is not a range`);
      [from, to] = bounds.map((b) => value(b, spec, fail));
      if (from > to) throw fail(`range ${base} runs backwards`);
    } else {
      from = to = value(base, spec, fail);
      // "5/10" is an extension some crons read as "5-max/10", others reject: be explicit.
      if (stepText !== undefined) throw fail(`a step needs * or a range before it, not "${item}"`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function value(text: string, spec: FieldSpec, fail: (what: string) => CronError): number {
  if (text === '') throw fail('a value is missing');
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < spec.min || n > spec.max) throw fail(`${text} is out of range ${spec.min}-${spec.max}`);
    return n;
  }
  const i = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (i < 0) {
    const names = spec.names ? ` or a name (${spec.names[0]}-${spec.names[spec.names.length - 1]})` : '';
    throw fail(`"${text}" is not a number${names}`);
  }
  return spec.min + i;
}

/** Whether the schedule runs in the minute that `date` falls in. */
export function cronMatches(schedule: CronSchedule, date: Date, timeZone: CronTimeZone = 'local'): boolean {
  const w = wallClock(date, timeZone);
  return (
    schedule.minutes.includes(w.minute) &&
    schedule.hours.includes(w.hour) &&
    schedule.months.includes(w.month) &&
    dayMatches(schedule, w.year, w.month, w.day)
  );
}

/**
 * The first minute strictly after `after` in which the schedule runs, in the process's local time
 * or UTC. Walks the allowed months, days, hours and minutes in order rather than every minute.
 * In local time a minute that a daylight-saving change skips does not exist, so it never runs; a
 * repeated hour runs once, at its first occurrence.
 */
export function nextRun(schedule: CronSchedule, after: Date, timeZone: CronTimeZone = 'local'): Date {
  if (Number.isNaN(after.getTime())) throw new CronError(`no next run after an invalid date`);
  const never = whyNever(schedule);
  if (never) throw new CronError(`"${schedule.expression}" never runs: ${never}`);
  const start = wallClock(new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000), timeZone);
  for (let year = start.year; year <= start.year + SEARCH_YEARS; year++) {
    for (const month of schedule.months) {
      if (year === start.year && month < start.month) continue;
      const firstMonth = year === start.year && month === start.month;
      const lastDay = daysIn(year, month);
      for (let day = firstMonth ? start.day : 1; day <= lastDay; day++) {
        if (!dayMatches(schedule, year, month, day)) continue;
        const firstDay = firstMonth && day === start.day;
        for (const hour of schedule.hours) {
          if (firstDay && hour < start.hour) continue;
          const firstHour = firstDay && hour === start.hour;
          for (const minute of schedule.minutes) {
            if (firstHour && minute < start.minute) continue;
            const wall = { year, month, day, hour, minute };
            const date = fromWallClock(wall, timeZone);
            // A wall time that does not exist (DST gap) comes back shifted: skip it.
            if (date.getTime() > after.getTime() && sameWallClock(wallClock(date, timeZone), wall))
              return date;
          }
        }
      }
    }
  }
  throw new CronError(
    `"${schedule.expression}" never runs: no matching minute within ${SEARCH_YEARS} years after ${after.toISOString()}`,
  );
}

/**
 * Only a day of the month on its own can be impossible (the 30th in February): a weekday occurs in
 * every month, and every date falls on every weekday in some year.
 */
function whyNever(s: CronSchedule): string | undefined {
  if (s.dayOfMonthStar || !s.dayOfWeekStar) return undefined;
  if (s.months.some((m) => s.daysOfMonth.some((d) => d <= LONGEST_MONTHS[m - 1]))) return undefined;
  const months = s.months.map((m) => MONTHS[m - 1]).join(', ');
  return `${months} ${s.months.length > 1 ? 'have' : 'has'} no day ${s.daysOfMonth.join(' or ')}`;
}

function dayMatches(s: CronSchedule, year: number, month: number, day: number): boolean {
  const dom = s.daysOfMonth.includes(day);
  const dow = s.daysOfWeek.includes(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  return s.dayOfMonthStar || s.dayOfWeekStar ? dom && dow : dom || dow;
}

interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(d: Date, tz: CronTimeZone): WallClock {
  return tz === 'UTC'
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
      };
}

function fromWallClock(w: WallClock, tz: CronTimeZone): Date {
  return tz === 'UTC'
    ? new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute))
    : new Date(w.year, w.month - 1, w.day, w.hour, w.minute);
}

const sameWallClock = (a: WallClock, b: WallClock) =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
