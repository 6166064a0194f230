import { ACCESS_KEY, SECTIONS } from '@rampart/domain';

type Item = Record<string, unknown>;

/**
 * The document with every id its sections define put behind `prefix`, and every reference to one
 * of them rewritten alike; the organisation's own id and ids the file only refers to (catalogue
 * entries such as `attack:T1078`) stay as they are.
 */
export function prefixIds(doc: Item, prefix: string): Item {
  const defined = new Set<string>();
  for (const section of SECTIONS)
    for (const item of (doc[section.key] as Item[] | undefined) ?? []) defined.add(String(item.id));
  const rename = (id: unknown) => (typeof id === 'string' && defined.has(id) ? `${prefix}${id}` : id);
  const out: Item = { ...doc };
  for (const section of SECTIONS) {
    const items = doc[section.key] as Item[] | undefined;
    if (!items) continue;
    out[section.key] = items.map((item) => {
      const copy: Item = { ...item, id: rename(item.id) };
      for (const ref of section.refs) {
        const v = item[ref.key];
        if (v !== undefined) copy[ref.key] = Array.isArray(v) ? v.map(rename) : rename(v);
      }
      const access = item[ACCESS_KEY] as Item[] | undefined;
      if (access) copy[ACCESS_KEY] = access.map((a) => ({ ...a, to: rename(a.to) }));
      return copy;
    });
  }
  const owners = doc.owners as { person: string; assets: string[] }[] | undefined;
  if (owners) out.owners = owners.map((o) => ({ person: rename(o.person), assets: o.assets.map(rename) }));
  return out;
}
