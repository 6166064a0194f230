import {
  ACCESS_KEY,
  FLATTENED,
  NativeDocument,
  NodeRow,
  ROLES_KEY,
  RelationshipRow,
  RelationshipType,
  SECTIONS,
  canonicalJson,
  criticalityOf,
} from '@rampart/domain';
import { nodeContentHash } from '@rampart/graph';

export interface GraphRows {
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

type Item = Record<string, unknown>;

/**
 * A node row with its content hash. The source is bookkeeping, not content: the same entity
 * stated by another file of its organisation hashes the same, so a re-import under another name
 * (an export read back) moves it to that source without counting it as changed.
 */
export function hashedNodeRow(id: string, labels: string[], props: Item): NodeRow {
  return { id, labels, props: { ...props, contentHash: nodeContentHash(labels, props) } };
}

function flatten(item: Item, skip: ReadonlySet<string>): Item {
  const props: Item = {};
  for (const [k, v] of Object.entries(item)) {
    if (skip.has(k) || v === undefined || v === null) continue;
    if (k in FLATTENED) {
      const names = FLATTENED[k as keyof typeof FLATTENED] as Record<string, string>;
      for (const [sub, name] of Object.entries(names))
        if ((v as Item)[sub] !== undefined) props[name] = (v as Item)[sub];
    } else if (k === 'vettingIntervalDays') {
      props[k] = canonicalJson(v); // a map; Neo4j stores no maps
    } else props[k] = v;
  }
  return props;
}

/**
 * A validated document as graph rows. Each node carries its organisation, its source and a hash
 * of its content (so a re-import can tell "unchanged" and keep `lastUpdated`); each relationship
 * carries the organisation and source that state it (so a re-import of that source in that
 * organisation can remove the ones the file no longer has, and nothing of another organisation).
 */
export function documentToRows(doc: NativeDocument, organizationId: string, source: string): GraphRows {
  const nodes: NodeRow[] = [];
  const relationships: RelationshipRow[] = [];
  const node = (id: string, labels: string[], content: Item) =>
    nodes.push(hashedNodeRow(id, labels, { ...content, id, organizationId, source }));
  const rel = (type: RelationshipType, from: string, to: string, props: Item = {}, key = '') =>
    relationships.push({ type, from, to, props: { ...props, key, source, organizationId } });

  if (doc.organization) {
    node(organizationId, ['Organization'], {
      ...flatten(doc.organization, new Set(['id'])),
      classificationLevels: doc.classificationLevels,
    });
  }
  for (const section of SECTIONS) {
    const skip = new Set(['id', ACCESS_KEY, ROLES_KEY, ...section.refs.map((r) => r.key)]);
    for (const item of (doc[section.key] as Item[] | undefined) ?? []) {
      const id = String(item.id);
      const content = flatten(item, skip);
      if (section.labels.includes('Asset')) content.criticality = criticalityOf(item.businessImpact as never);
      node(id, [...section.labels], content);
      for (const ref of section.refs) {
        const value = item[ref.key];
        const targets = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
        for (const t of targets) {
          if (ref.dir === 'out') rel(ref.type, id, t);
          else rel(ref.type, t, id);
        }
      }
      for (const role of (item[ROLES_KEY] as string[] | undefined) ?? [])
        rel('HOLDS_ROLE', id, organizationId, { role }, role);
      for (const access of (item[ACCESS_KEY] as Item[] | undefined) ?? []) {
        rel('HAS_ACCESS', id, String(access.to), flatten(access, new Set(['to'])), String(access.mode));
      }
    }
  }
  for (const o of doc.owners ?? []) for (const asset of o.assets) rel('OWNS', o.person, asset);
  return { nodes, relationships: dedupe(relationships) };
}

/** The same relationship stated twice (owner and owners) is one relationship. */
function dedupe(rows: RelationshipRow[]): RelationshipRow[] {
  const seen = new Map<string, RelationshipRow>();
  for (const r of rows) seen.set(`${r.type}|${r.from}|${r.to}|${r.props.key}`, r);
  return [...seen.values()];
}
