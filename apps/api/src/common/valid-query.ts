import { PipeTransform, Query } from '@nestjs/common';
import { DomainError } from '@rampart/domain';
import { z } from 'zod';

/**
 * REST query parameters: one zod schema per endpoint, whose output type is the handler's parameter
 * type. `@ValidQuery(schema) q: z.output<typeof schema>` parses `req.query` before the handler runs
 * (after the guards: a caller not allowed gets its 401/403 first). Parameters the schema does not
 * name are dropped. An invalid one answers like every other validation error: VALIDATION_FAILED
 * (400), the message naming the parameter, what it must be and what it was, e.g.
 * `format must be one of yaml, json; got "xml".`
 *
 * Every field's error message says what is expected ("one of yaml, json"): build fields with
 * `param` below, which does.
 */
export function ValidQuery<S extends z.ZodType>(schema: S): ParameterDecorator {
  return Query(new ZodQueryPipe(schema));
}

/** The pipe behind @ValidQuery, for a handler that reads the query some other way. */
export class ZodQueryPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseQuery(this.schema, value);
  }
}

/** Parses a query object (string values, arrays for a repeated parameter) or throws VALIDATION_FAILED. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const input = query ?? {};
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const raw = (typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const issue of parsed.error.issues) {
    const name = issue.path.length ? issue.path.map(String).join('.') : 'the query';
    if (seen.has(name)) continue; // One sentence per parameter.
    seen.add(name);
    const value = issue.path.length ? raw[String(issue.path[0])] : input;
    sentences.push(
      Array.isArray(value)
        ? `${name} must be given once; got ${shown(value)}.`
        : `${name} must be ${issue.message}; got ${shown(value)}.`,
    );
  }
  throw new DomainError('VALIDATION_FAILED', sentences.join(' '));
}

const SHOWN_MAX = 100;

/** The value as the client sent it, quoted; long ones cut (a message is no echo service). */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX)}...` : text;
}

const FLAG_VALUES = ['true', 'false', '1', '0'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Field builders for query schemas; each error message is the "must be ..." of the answer. */
export const param = {
  /** One string value (a repeated parameter is refused); `.optional()` or `.default(...)` as needed. */
  text: () => z.string({ error: 'a single value' }),

  /** One of `values`; `expected` overrides the "one of a, b, c" wording. */
  oneOf: <const T extends readonly [string, ...string[]]>(values: T, expected?: string) =>
    z.enum(values, { error: expected ?? `one of ${values.join(', ')}` }),

  /** `true` or `1` is true, `false` or `0` (or leaving it out) false; anything else is refused. */
  flag: () =>
    z
      .enum(FLAG_VALUES, { error: FLAG_VALUES.join(', ').replace(/, (?=[^,]*$)/, ' or ') })
      .optional()
      .transform((v) => v === 'true' || v === '1'),

  /** Digits only (no sign, exponent or spaces), from `min` to `max`. */
  wholeNumber: (min: number, max: number) => {
    const expected = `a whole number from ${min} to ${max}`;
    return z
      .string({ error: expected })
      .regex(/^\d{1,15}$/, { error: expected })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { error: expected });
  },

  /** A calendar date, YYYY-MM-DD (as asOf is everywhere: libs/analytics asOfDate). */
  isoDate: () => {
    const expected = 'an ISO date such as 2026-11-23';
    return z
      .string({ error: expected })
      .regex(ISO_DATE, { error: expected })
      .refine((s) => !Number.isNaN(Date.parse(s)), { error: expected });
  },
};
