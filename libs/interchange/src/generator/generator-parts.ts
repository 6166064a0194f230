import { Random } from './random';

/** One generated document entry (a person, a system, a control...). */
export type Item = Record<string, unknown>;

/** A zero-padded running number for ids: `pad(7)` is `000007`. */
export const pad = (n: number, w = 6) => String(n).padStart(w, '0');

/** A business impact (confidentiality, integrity, availability) drawn in that order. */
export const impact = (r: Random, lo = 1, hi = 5) => ({
  confidentiality: r.int(lo, hi),
  integrity: r.int(lo, hi),
  availability: r.int(lo, hi),
});
