import { DomainError, NodeRow, RelationshipRow, WriteCounts } from '@rampart/domain';
import { NamedTx, QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { FingerprintSet } from './fingerprint-set';
import { foreignReferencesMessage, mergeForeignReferences } from './foreign-references';
import { GraphChange, RelationshipTuple } from './graph-change';
import { ImportKey, unchangedSinceImport } from './import-record';
import { assertWhitelisted, emptyCounts, mergeNodes } from './node-sync';
import { chunks, identity, writeRelationships } from './relationship-sync';

/** One batch of a streamed import's rows (a few thousand of the file's entries). */
export interface RowBatch {
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

export interface StreamWriteOptions {
  source: string;
  organizationId: string;
  prune: boolean;
  now: string;
  /** The import record's key of every row, in file order (computed while validating). */
  key: ImportKey;
  /** What the file holds: entities (defined) and distinct relationships, for progress and a no-op. */
  entities: number;
  relationships: number;
  /** Stored entities the file defines or refers to: locked first, checked for stale relationships. */
  existing: Iterable<string>;
  /** Whether the file defines an entity (a prune keeps those). */
  defines: (id: string) => boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Refuse (CONFLICT) rather than write in one transaction when the import is not a first import:
   * the caller checked a clearance only against what a first import can change.
   */
  stagedOnly?: boolean;
}

/** Entities (ids) per lock, stale check or prune statement. */
const ID_CHUNK = 5000;

/**
 * Writes an import whose rows arrive batch by batch (read from a file while writing), in one
 * transaction: readers see all of it or none, a failure leaves the graph as it was, and the
 * client holds one batch plus a fingerprint per stated relationship, whatever the file's size.
 * Stale relationships and the prune come last, from what the graph holds for the source and the
 * fingerprints of what the file stated (the whole-file write gives the server the file's keys).
 */
export async function writeImportStream(
  executor: QueryExecutor,
  batches: () => AsyncIterable<RowBatch> | Iterable<RowBatch>,
  opts: StreamWriteOptions,
  tuning: { batchSize: number; txTimeoutMs?: number },
): Promise<WriteCounts> {
  const total = opts.entities + opts.relationships;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  if (await unchangedSinceImport(executor, opts.key, opts.organizationId)) {
    progress(total);
    return { ...emptyCounts(), nodes: opts.entities, relationships: opts.relationships };
  }
  const existing = [...new Set(opts.existing)].sort();
  return executor.writeTransaction(
    async (tx) => {
      done = 0; // a retried transaction starts its progress again
      const change = new GraphChange();
      const counts = emptyCounts();
      for (const ids of chunks(existing, ID_CHUNK)) await tx.run(Q.importLockEntities, { ids });
      const stated = new FingerprintSet(opts.relationships);
      // Ends a relationship needed before their batch came: each must be written by the end.
      const ahead = new Set<string>();
      for await (const batch of batches()) {
        assertWhitelisted(batch.nodes, batch.relationships);
        await mergeNodes(tx, batch.nodes, { ...tuning, now: opts.now, counts, change, progress });
        for (const n of batch.nodes) ahead.delete(n.id);
        for (const r of batch.relationships)
          if (stated.add(identity(r.type, r.from, r.to, r.props.key))) counts.relationships++;
        const rels = await writeRelationships(
          tx,
          batch.relationships,
          tuning.batchSize,
          progress,
          change,
          ahead,
        );
        counts.relationshipsCreated += rels.created;
        counts.relationshipsUpdated += rels.updated;
        counts.relationshipsMoved += rels.moved;
      }
      if (ahead.size) throw missingEnds(ahead);
      const outside = await entitiesNoLongerDefined(tx, opts);
      // Their hashes leave the digest if pruned: locked before they are read (after the others,
      // so two writes may deadlock here; Neo4j detects it and the driver runs the import again).
      for (const ids of chunks(outside, ID_CHUNK)) await tx.run(Q.importLockEntities, { ids });
      counts.relationshipsDeleted = await deleteUnstated(tx, [...existing, ...outside], stated, opts, change);
      if (opts.prune) counts.pruned = await pruneEntities(tx, outside, opts, change);
      const version = await change.commit(tx);
      await tx.run(Q.importRecordSet, { ...opts.key, version });
      return counts;
    },
    Q.importMergeNodes,
    tuning.txTimeoutMs,
  );
}

/** The source's stored entities the file no longer defines, page by page in id order. */
async function entitiesNoLongerDefined(tx: NamedTx, opts: StreamWriteOptions): Promise<string[]> {
  const outside: string[] = [];
  for (let after = ''; ;) {
    const page = await tx.run(Q.importSourceEntitiesAfter, {
      organizationId: opts.organizationId,
      source: opts.source,
      after,
      limit: ID_CHUNK * 4,
    });
    for (const { id } of page) if (!opts.defines(String(id))) outside.push(String(id));
    if (page.length < ID_CHUNK * 4) return outside;
    after = String(page[page.length - 1].id);
  }
}

/** Deletes the source's relationships on these entities that the file does not state. */
async function deleteUnstated(
  tx: NamedTx,
  ids: readonly string[],
  stated: FingerprintSet,
  opts: StreamWriteOptions,
  change: GraphChange,
): Promise<number> {
  let deleted = 0;
  for (const chunk of chunks([...ids], ID_CHUNK)) {
    const found = await tx.run(Q.importSourceRelationshipsOn, {
      ids: chunk,
      organizationId: opts.organizationId,
      source: opts.source,
    });
    const rows = found
      .filter((r) => !stated.has(identity(String(r.type), String(r.from), String(r.to), r.key)))
      .map((r) => ({ from: r.from, eid: r.eid }));
    if (!rows.length) continue;
    const [r] = await tx.run(Q.importDeleteRelationships, { rows });
    deleted += r.deleted as number;
    change.relationshipsGone(r.gone as RelationshipTuple[]);
  }
  return deleted;
}

/**
 * Deletes these entities of one source and organisation (null: the threat library) with their
 * relationships, the prune of both write paths; refused whole (CONFLICT) when relationships that
 * another organisation or the library states touch them. The caller has locked them.
 */
export async function pruneEntities(
  tx: NamedTx,
  ids: readonly string[],
  scope: { source: string; organizationId: string | null },
  change: GraphChange,
): Promise<number> {
  const { source, organizationId } = scope;
  const foreign: Record<string, unknown>[] = [];
  for (const chunk of chunks([...ids], ID_CHUNK))
    foreign.push(...(await tx.run(Q.importForeignReferencesOn, { ids: chunk, organizationId })));
  if (foreign.length)
    throw new DomainError('CONFLICT', foreignReferencesMessage(mergeForeignReferences(foreign)));
  let pruned = 0;
  for (const chunk of chunks([...ids], ID_CHUNK)) {
    const [r] = await tx.run(Q.importPruneEntities, { ids: chunk, organizationId, source });
    pruned += r.pruned as number;
    for (const [id, hash] of r.nodes as [string, string | null][]) change.nodeGone(id, hash);
    for (const rels of r.rels as RelationshipTuple[][]) change.relationshipsGone(rels);
  }
  return pruned;
}

/** Validation found every end in the file or the graph: one is gone since (a concurrent delete). */
export function missingEnds(ahead: ReadonlySet<string>): DomainError {
  const ids = [...ahead].slice(0, 5).join(', ');
  return new DomainError(
    'CONFLICT',
    `relationships of the file refer to entities that are neither in it nor in the graph any more (${ids}${ahead.size > 5 ? ', ...' : ''}): deleted while the file was imported? Nothing was written; import it again.`,
  );
}
