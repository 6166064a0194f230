import {
  DomainError,
  ENTITY_LABELS,
  NodeRow,
  RELATIONSHIP_TYPES,
  RelationshipRow,
  isEntityLabel,
} from '@rampart/domain';
import { NamedTx, QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

export interface ExistingEntity {
  id: string;
  labels: string[];
  organizationId?: string;
  /** As stored: need-to-know refuses an import that would change an entity above the user's clearance. */
  classification?: string;
}

/** How many entities of one classification a prune would delete. */
export interface ClassificationCount {
  classification: string;
  count: number;
}

/** A classified node at an end of a relationship an import would delete or change. */
export interface ClassifiedEnd {
  id: string;
  classification: string;
  /** Its organisation's levels (undefined: the default levels). */
  levels?: string[];
}

/** The relationship types an entity states (its section's keys), replaced as a whole by an edit. */
export interface StatedTypes {
  id: string;
  outTypes: string[];
  inTypes: string[];
}

export interface WriteOptions {
  source: string;
  /** The organisation whose entities of `source` a prune may remove (null: the shared threat library). */
  organizationId: string | null;
  prune: boolean;
  now: string;
  /** Called after each batch with the rows written so far (for progress bars). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Edits (API mutations) replace what the edited entities state, whatever its source; without
   * this, an import replaces what earlier imports of the same source stated.
   */
  stated?: StatedTypes[];
}

export interface WriteCounts {
  nodes: number;
  created: number;
  changed: number;
  relationships: number;
  relationshipsDeleted: number;
  pruned: number;
}

/**
 * Writes one import file: idempotent UNWIND ... MERGE batches, stale relationships of the same
 * source removed, optional prune, all in one transaction so a failure leaves the graph unchanged.
 */
export class ImportRepository {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly batchSize = 1000,
    private readonly txTimeoutMs?: number,
  ) {}

  async lookup(ids: string[]): Promise<ExistingEntity[]> {
    if (!ids.length) return [];
    const rows = await this.executor.executeRead(Q.importLookupEntities, { ids });
    return rows.map((r) => ({
      id: String(r.id),
      labels: r.labels as string[],
      organizationId: (r.organizationId as string | null) ?? undefined,
      classification:
        r.classification === null || r.classification === undefined ? undefined : String(r.classification),
    }));
  }

  /**
   * The classifications of what a prune with these options would delete (see `write`), counted by
   * level: enough to refuse an import above the user's clearance without naming the entities.
   */
  async pruneClassifications(
    source: string,
    organizationId: string | null,
    keepIds: readonly string[],
  ): Promise<ClassificationCount[]> {
    const keep = Object.fromEntries(keepIds.map((id) => [id, true]));
    const rows = await this.executor.executeRead(Q.importPruneClassifications, {
      source,
      organizationId,
      keep,
    });
    return rows.map((r) => ({ classification: String(r.classification), count: Number(r.count) }));
  }

  /**
   * The classified ends of the relationships `write` with these rows and options would delete
   * (stale ones of the source, or those the edited entities no longer state), read before any
   * write so need-to-know can refuse an import that would change a node above the clearance.
   */
  async deletedRelationshipEnds(
    nodes: readonly Pick<NodeRow, 'id'>[],
    relationships: readonly RelationshipRow[],
    opts: Pick<WriteOptions, 'source' | 'stated'>,
  ): Promise<ClassifiedEnd[]> {
    const rows = opts.stated
      ? await this.executor.executeRead(Q.importStatedRelationshipEnds, {
          items: opts.stated,
          keep: keepMap(relationships),
        })
      : await this.executor.executeRead(
          Q.importStaleRelationshipEnds,
          staleParams(nodes, relationships, opts.source),
        );
    return rows.map((r) => ({
      id: String(r.id),
      classification: String(r.classification),
      levels: (r.levels as string[] | null) ?? undefined,
    }));
  }

  /** The rows `write` would create or update (not those stored unchanged), read outside a write. */
  changedRelationships(relationships: readonly RelationshipRow[]): Promise<RelationshipRow[]> {
    return this.executor.readTransaction(async (tx) => {
      const { creates, updates } = await this.diffRelationships(tx, relationships);
      return [...creates, ...updates.map((u) => u.row)];
    }, Q.importExistingRelationships);
  }

  async facilityAncestry(ids: string[]): Promise<{ child: string; parent: string }[]> {
    if (!ids.length) return [];
    const rows = await this.executor.executeRead(Q.importFacilityAncestry, { ids });
    return rows.map((r) => ({ child: String(r.child), parent: String(r.parent) }));
  }

  async write(nodes: NodeRow[], relationships: RelationshipRow[], opts: WriteOptions): Promise<WriteCounts> {
    assertWhitelisted(nodes, relationships);
    const total = nodes.length + relationships.length;
    let done = 0;
    const progress = (n: number) => {
      done += n;
      opts.onProgress?.(done, total);
    };
    return this.executor.writeTransaction(
      async (tx) => {
        const counts: WriteCounts = {
          nodes: 0,
          created: 0,
          changed: 0,
          relationships: 0,
          relationshipsDeleted: 0,
          pruned: 0,
        };
        for (const [, group] of groupBy(nodes, (n) => n.labels.join(':'))) {
          for (const batch of chunks(group, this.batchSize)) {
            const [r] = await tx.run(Q.importMergeNodes, {
              labels: batch[0].labels,
              rows: batch.map(({ id, props }) => ({ id, props })),
              now: opts.now,
            });
            counts.nodes += r.merged as number;
            counts.created += r.created as number;
            counts.changed += r.changed as number;
            progress(batch.length);
          }
        }
        counts.relationships = await this.writeRelationships(tx, relationships, progress);
        await tx.run(Q.graphVersionBump);
        counts.relationshipsDeleted = opts.stated
          ? await deleteUnstated(tx, opts.stated, relationships)
          : await deleteStale(tx, nodes, relationships, opts.source);
        if (opts.prune) {
          const keep = Object.fromEntries(nodes.map((n) => [n.id, true]));
          const [r] = await tx.run(Q.importPrune, {
            source: opts.source,
            organizationId: opts.organizationId,
            keep,
          });
          counts.pruned = r.pruned as number;
        }
        return counts;
      },
      Q.importMergeNodes,
      this.txTimeoutMs,
    );
  }

  /**
   * Relationship identity is (from, type, to, key); key is '' unless a file may state several
   * (roles, access modes). Existing ones are looked up first, then updated by element id or
   * created: no MERGE, whose plan is quadratic on a big first import (see the query files).
   */
  private async writeRelationships(
    tx: NamedTx,
    relationships: RelationshipRow[],
    progress: (n: number) => void,
  ): Promise<number> {
    const { wanted, creates, updates } = await this.diffRelationships(tx, relationships);
    // Unchanged relationships are not written at all: a re-import is a no-op.
    progress(wanted - creates.length - updates.length);
    for (const batch of chunks(updates, this.batchSize)) {
      await tx.run(Q.importUpdateRelationships, {
        rows: batch.map((u) => ({ from: u.row.from, eid: u.eid, props: u.row.props })),
      });
      progress(batch.length);
    }
    for (const [type, group] of groupBy(creates, (r) => r.type)) {
      for (const batch of chunks(group, this.batchSize)) {
        const rows = batch.map(({ from, to, props }) => ({ from, to, props }));
        await tx.run(Q.importCreateRelationships, { type, rows });
        progress(batch.length);
      }
    }
    // Duplicates in the file are reported by the count of distinct relationships.
    progress(relationships.length - wanted);
    return wanted;
  }

  /** Which of the rows are new, which change a stored relationship (by element id), how many distinct. */
  private async diffRelationships(
    tx: NamedTx,
    relationships: readonly RelationshipRow[],
  ): Promise<{
    wanted: number;
    creates: RelationshipRow[];
    updates: { row: RelationshipRow; eid: string }[];
  }> {
    // The last statement of a relationship wins.
    const wanted = new Map(relationships.map((r) => [identity(r.type, r.from, r.to, r.props.key), r]));
    const existing = new Map<string, { eid: string; props: string }>();
    const types = [...new Set(relationships.map((r) => r.type))];
    for (const ids of chunks([...new Set(relationships.map((r) => r.from))], this.batchSize)) {
      for (const e of await tx.run(Q.importExistingRelationships, { ids, types })) {
        existing.set(identity(e.type as string, e.from as string, e.to as string, e.key), {
          eid: e.eid as string,
          props: canonical(e.props as Record<string, unknown>),
        });
      }
    }
    const updates: { row: RelationshipRow; eid: string }[] = [];
    const creates: RelationshipRow[] = [];
    for (const [id, r] of wanted) {
      const row = { ...r, props: { ...r.props, key: String(r.props.key ?? '') } };
      const found = existing.get(id);
      if (!found) creates.push(row);
      else if (found.props !== canonical(row.props)) updates.push({ row, eid: found.eid });
    }
    return { wanted: wanted.size, creates, updates };
  }
}

const identity = (type: string, from: string, to: string, key: unknown) =>
  `${type}|${from}|${to}|${String(key ?? '')}`;

/** The relationships a write keeps, by identity (the sync deletes the others it selects). */
const keepMap = (relationships: readonly RelationshipRow[]) =>
  Object.fromEntries(relationships.map((r) => [identity(r.type, r.from, r.to, r.props.key), true]));

function staleParams(
  nodes: readonly Pick<NodeRow, 'id'>[],
  relationships: readonly RelationshipRow[],
  source: string,
) {
  const ids = new Set(nodes.map((n) => n.id));
  for (const r of relationships) ids.add(r.from).add(r.to);
  return { source, ids: [...ids], keep: keepMap(relationships) };
}

async function deleteStale(
  tx: NamedTx,
  nodes: NodeRow[],
  relationships: RelationshipRow[],
  source: string,
): Promise<number> {
  const [row] = await tx.run(Q.importDeleteStaleRelationships, staleParams(nodes, relationships, source));
  return row.deleted as number;
}

async function deleteUnstated(
  tx: NamedTx,
  items: StatedTypes[],
  relationships: RelationshipRow[],
): Promise<number> {
  const [row] = await tx.run(Q.entityDeleteStatedRelationships, { items, keep: keepMap(relationships) });
  return row.deleted as number;
}

/** Property maps compared by content, whatever the key order. */
function canonical(props: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(props)
      .filter((k) => props[k] !== undefined && props[k] !== null)
      .sort()
      .map((k) => [k, props[k]]),
  );
}

/** Labels and types reach Cypher as parameters, but only from the whitelists. */
function assertWhitelisted(nodes: NodeRow[], relationships: RelationshipRow[]): void {
  for (const n of nodes) {
    const bad = n.labels.find((l) => !isEntityLabel(l));
    if (bad)
      throw new DomainError(
        'VALIDATION_FAILED',
        `label ${bad} of ${n.id} is not one of ${ENTITY_LABELS.join(', ')}`,
      );
  }
  for (const r of relationships) {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(r.type)) {
      throw new DomainError('VALIDATION_FAILED', `relationship type ${r.type} is not allowed`);
    }
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
