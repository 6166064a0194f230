type Json = Record<string, unknown>;

/**
 * The numbers an operation reported (an import's entities, relationships, counts.created, a
 * deletion's relationshipsRemoved), flattened one level, at most 40; null when there are none.
 * The API's interceptor and the CLI record the same way.
 */
export function countsOf(result: unknown): Record<string, number> | null {
  const out: Record<string, number> = {};
  const take = (obj: unknown, prefix: string) => {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const [k, v] of Object.entries(obj as Json)) {
      if (typeof v === 'number' && Number.isFinite(v)) out[prefix + k] = v;
      else if (!prefix && v && typeof v === 'object' && !Array.isArray(v)) take(v, `${k}.`);
    }
  };
  take(result, '');
  return Object.keys(out).length ? Object.fromEntries(Object.entries(out).slice(0, 40)) : null;
}
