/** Every number in a response, in order: what an admin and a lower-cleared reader must share. */
export const numbers = (v: unknown): number[] =>
  typeof v === 'number'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(numbers)
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(numbers)
        : [];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first of these ids or names found in `bytes` as a whole word (so `rsk-1` is not found inside
 * `rsk-10`), or undefined.
 */
export function firstLeak(
  bytes: string,
  hidden: readonly { id: string; name: string }[],
): string | undefined {
  if (!hidden.length) return undefined;
  const terms = hidden.flatMap((h) => [h.id, h.name]).map(escape);
  return bytes.match(new RegExp(`(?<![\\w-])(?:${terms.join('|')})(?![\\w-])`))?.[0];
}
