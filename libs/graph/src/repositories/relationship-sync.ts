import { DomainError, NodeRow, RelationshipRow } from '@rampart/domain';
import { NamedTx } from '../query-executor';
import { GraphChange, RelationshipTuple } from './graph-change';
import { Q, QueryName } from '../query-names';
import { refuseHeld } from './stage-held';

/** The relationship types an entity states (its section's keys), replaced as a whole by an edit. */
export interface StatedTypes {
  id: string;
  outTypes: string[];
  inTypes: string[];
}

/** What an import does to relationships, counted. */
export interface RelationshipCounts {
  /** Distinct relationships the file states. */
  wanted: number;
  created: number;
  updated: number;
  /** Unchanged, now stated by this source (an export read back under another name). */
  moved: number;
}

interface Change {
  row: RelationshipRow;
  eid: string;
  /** The stored properties it replaces. */
  before: Record<string, unknown>;
}

interface RelationshipDiff {
  wanted: number;
  creates: RelationshipRow[];
  updates: Change[];
  moves: Change[];
}

export const identity = (type: string, from: string, to: string, key: unknown) =>
  `${type}|${from}|${to}|${String(key ?? '')}`;

/** The relationships a write keeps, by identity (the sync deletes the others it selects). */
export const keepMap = (relationships: readonly RelationshipRow[]) =>
  Object.fromEntries(relationships.map((r) => [identity(r.type, r.from, r.to, r.props.key), true]));

/** What import/delete-stale-relationships (and its clearance twin) select by. */
export function staleParams(
  nodes: readonly Pick<NodeRow, 'id'>[],
  relationships: readonly RelationshipRow[],
  source: string,
  organizationId: string | null,
) {
  const ids = new Set(nodes.map((n) => n.id));
  for (const r of relationships) ids.add(r.from).add(r.to);
  return { source, organizationId, ids: [...ids], keep: keepMap(relationships) };
}

/**
 * Which rows are new, which change a stored relationship (by element id), which only move it to
 * this source. A stored relationship of another organisation is never taken over (validation
 * refuses such files; this guards the write itself).
 */
export async function diffRelationships(
  tx: NamedTx,
  relationships: readonly RelationshipRow[],
  batchSize: number,
): Promise<RelationshipDiff> {
  // The last statement of a relationship wins.
  const wanted = new Map(relationships.map((r) => [identity(r.type, r.from, r.to, r.props.key), r]));
  const existing = new Map<string, { eid: string; props: Record<string, unknown> }>();
  const types = [...new Set(relationships.map((r) => r.type))];
  for (const ids of chunks([...new Set(relationships.map((r) => r.from))], batchSize)) {
    for (const e of await tx.run(Q.importExistingRelationships, { ids, types })) {
      existing.set(identity(e.type as string, e.from as string, e.to as string, e.key), {
        eid: e.eid as string,
        props: e.props as Record<string, unknown>,
      });
    }
  }
  const diff: RelationshipDiff = { wanted: wanted.size, creates: [], updates: [], moves: [] };
  for (const [id, r] of wanted) {
    const row: RelationshipRow = { ...r, props: { ...r.props, key: String(r.props.key ?? '') } };
    const found = existing.get(id);
    if (!found) {
      diff.creates.push(row);
      continue;
    }
    const owner = found.props.organizationId ?? null;
    if (owner !== (row.props.organizationId ?? null)) {
      throw new DomainError(
        'CONFLICT',
        `${r.from} ${r.type} ${r.to} is stated by ${owner === null ? 'the threat library' : `organisation "${String(owner)}"`}; an import changes only its own organisation's relationships.`,
      );
    }
    if (canonical(found.props, 'source') !== canonical(row.props, 'source'))
      diff.updates.push({ row, eid: found.eid, before: found.props });
    else if (found.props.source !== row.props.source)
      diff.moves.push({ row, eid: found.eid, before: found.props });
  }
  return diff;
}

/**
 * Relationship identity is (from, type, to, key); key is '' unless a file may state several
 * (roles, access modes). Existing ones are looked up first, then updated by element id or
 * created: no MERGE, whose plan is quadratic on a big first import (see the query files).
 */
export async function writeRelationships(
  tx: NamedTx,
  relationships: RelationshipRow[],
  batchSize: number,
  progress: (n: number) => void,
  change: GraphChange,
  /** A streamed import: ends not written yet are created bare, their ids added here. */
  ahead?: Set<string>,
): Promise<RelationshipCounts> {
  const { wanted, creates, updates, moves } = await diffRelationships(tx, relationships, batchSize);
  // Unchanged relationships are not written at all: a re-import is a no-op.
  progress(wanted - creates.length - updates.length - moves.length);
  // A move changes the source only, which is not content: the digest has it already.
  for (const u of updates)
    change.relationshipChanged(u.row.type, u.row.from, u.row.to, u.before, u.row.props);
  for (const batch of chunks([...updates, ...moves], batchSize)) {
    await tx.run(Q.importUpdateRelationships, {
      rows: batch.map((u) => ({ from: u.row.from, eid: u.eid, props: u.row.props })),
    });
    progress(batch.length);
  }
  await createRelationships(tx, creates, batchSize, {
    query: ahead ? Q.importCreateRelationshipsAhead : Q.importCreateRelationships,
    change,
    ahead,
    progress,
  });
  // Duplicates in the file are reported by the count of distinct relationships.
  progress(relationships.length - wanted);
  return { wanted, created: creates.length, updated: updates.length, moved: moves.length };
}

/**
 * Creates relationships a type and a batch at a time with `query` (given `type`, `rows` and
 * `params`), following the digest; the ends it reports created bare (`ahead`) are added there.
 */
export async function createRelationships(
  tx: NamedTx,
  relationships: readonly RelationshipRow[],
  batchSize: number,
  opts: {
    query: QueryName;
    params?: Record<string, unknown>;
    change: GraphChange;
    ahead?: Set<string>;
    progress?: (n: number) => void;
  },
): Promise<void> {
  for (const [type, group] of groupBy([...relationships], (r) => r.type)) {
    for (const batch of chunks(group, batchSize)) {
      const rows = batch.map(({ from, to, props }) => ({ from, to, props }));
      const [r] = await tx.run(opts.query, { ...opts.params, type, rows });
      refuseHeld(r.held);
      for (const id of (r.ahead as string[] | undefined) ?? []) opts.ahead?.add(id);
      // Validation checked both ends exist; if one went meanwhile, the digest is recomputed.
      if (r.created !== rows.length) opts.change.loseDigest();
      for (const row of rows) opts.change.relationshipAdded(type, row.from, row.to, row.props);
      opts.progress?.(batch.length);
    }
  }
}

export async function deleteStale(
  tx: NamedTx,
  nodes: NodeRow[],
  relationships: RelationshipRow[],
  source: string,
  organizationId: string | null,
  change: GraphChange,
): Promise<number> {
  const params = staleParams(nodes, relationships, source, organizationId);
  const [row] = await tx.run(Q.importDeleteStaleRelationships, params);
  change.relationshipsGone(row.gone as RelationshipTuple[]);
  return row.deleted as number;
}

export async function deleteUnstated(
  tx: NamedTx,
  items: StatedTypes[],
  relationships: RelationshipRow[],
  organizationId: string | null,
  change: GraphChange,
): Promise<number> {
  const [row] = await tx.run(Q.entityDeleteStatedRelationships, {
    items,
    organizationId,
    keep: keepMap(relationships),
  });
  change.relationshipsGone(row.gone as RelationshipTuple[]);
  return row.deleted as number;
}

/** Property maps compared by content, whatever the key order; `ignore` left out. */
function canonical(props: Record<string, unknown>, ignore: string): string {
  return JSON.stringify(
    Object.keys(props)
      .filter((k) => k !== ignore && props[k] !== undefined && props[k] !== null)
      .sort()
      .map((k) => [k, props[k]]),
  );
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
