import { DomainError, NodeRow, RelationshipRow, WriteCounts } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { GraphChange } from './graph-change';
import { importKey, unchangedCounts, unchangedSinceImport } from './import-record';
import { assertWhitelisted, emptyCounts, mergeNodes } from './node-sync';
import { ForeignReferences, toForeignReferences } from './foreign-references';
import { RowBatch, StreamWriteOptions, pruneEntities, writeImportStream } from './import-stream';
import { STALE_AFTER_MS, canStage, dropAbandonedStages, writeStagedImport } from './import-stage';
import { Q } from '../query-names';
import {
  StatedTypes,
  deleteStale,
  deleteUnstated,
  diffRelationships,
  keepMap,
  staleParams,
  writeRelationships,
} from './relationship-sync';

export type { StatedTypes } from './relationship-sync';

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

export type { WriteCounts } from '@rampart/domain';
export type { ForeignReferences } from './foreign-references';
export { describeForeign, foreignReferencesMessage } from './foreign-references';
export type { RowBatch, StreamWriteOptions } from './import-stream';
export { ImportKeyBuilder } from './import-record';

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
    opts: Pick<WriteOptions, 'source' | 'stated' | 'organizationId'>,
  ): Promise<ClassifiedEnd[]> {
    const rows = opts.stated
      ? await this.executor.executeRead(Q.importStatedRelationshipEnds, {
          items: opts.stated,
          organizationId: opts.organizationId,
          keep: keepMap(relationships),
        })
      : await this.executor.executeRead(
          Q.importStaleRelationshipEnds,
          staleParams(nodes, relationships, opts.source, opts.organizationId),
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
      const { creates, updates } = await diffRelationships(tx, relationships, this.batchSize);
      return [...creates, ...updates.map((u) => u.row)];
    }, Q.importExistingRelationships);
  }

  /**
   * What stops a prune with these options: relationships another organisation (or the threat
   * library) states on the entities it would delete. A prune never deletes those.
   */
  async foreignReferences(
    source: string,
    organizationId: string | null,
    keepIds: readonly string[],
  ): Promise<ForeignReferences[]> {
    const keep = Object.fromEntries(keepIds.map((id) => [id, true]));
    const rows = await this.executor.executeRead(Q.importForeignReferences, { source, organizationId, keep });
    return rows.map(toForeignReferences);
  }

  async facilityAncestry(ids: string[]): Promise<{ child: string; parent: string }[]> {
    if (!ids.length) return [];
    const rows = await this.executor.executeRead(Q.importFacilityAncestry, { ids });
    return rows.map((r) => ({ child: String(r.child), parent: String(r.parent) }));
  }

  /**
   * Writes an import whose rows arrive in batches (a file read while it is written), client memory
   * bounded by a batch: a first import is staged (writeStagedImport: a transaction per batch, then
   * one switch), any other runs in one transaction (writeImportStream). Readers see all or none of
   * it either way. For callers with full rights: no clearance checks.
   */
  async writeStream(
    batches: () => AsyncIterable<RowBatch> | Iterable<RowBatch>,
    opts: StreamWriteOptions,
  ): Promise<WriteCounts> {
    const tuning = { batchSize: this.batchSize, txTimeoutMs: this.txTimeoutMs };
    const existing = [...new Set(opts.existing)].sort();
    // Only adds (a first import): staged in many transactions, switched in by one.
    if (await canStage(this.executor, opts, existing))
      return writeStagedImport(this.executor, batches, opts, tuning);
    if (opts.stagedOnly)
      throw new DomainError(
        'CONFLICT',
        `organisation ${opts.organizationId} received entities of ${opts.source} while the file was checked; nothing was written: import it again.`,
      );
    return writeImportStream(this.executor, batches, { ...opts, existing }, tuning);
  }

  /** Whether any organisation holds entities of this source. */
  async sourceImported(source: string): Promise<boolean> {
    const [row] = await this.executor.executeRead(Q.importSourceImported, { source });
    return row.imported === true;
  }

  /** Whether an import of this source into the organisation would be its first (it has no entity of it). */
  isFirstImport(organizationId: string, source: string): Promise<boolean> {
    return canStage(this.executor, { organizationId, source }, []);
  }

  /**
   * Drops staged imports whose importer stopped renewing them `staleAfterMs` ago (a staged import
   * does this itself before it starts); returns how many.
   */
  dropAbandonedStages(staleAfterMs = STALE_AFTER_MS): Promise<number> {
    return dropAbandonedStages(this.executor, new Date(Date.now() - staleAfterMs).toISOString());
  }

  async write(nodes: NodeRow[], relationships: RelationshipRow[], opts: WriteOptions): Promise<WriteCounts> {
    assertWhitelisted(nodes, relationships);
    const total = nodes.length + relationships.length;
    let done = 0;
    const progress = (n: number) => {
      done += n;
      opts.onProgress?.(done, total);
    };
    // A file imported again as it was, into a graph nobody changed for its organisation since.
    const record = opts.stated ? undefined : importKey(nodes, relationships, opts);
    if (record && (await unchangedSinceImport(this.executor, record, opts.organizationId))) {
      progress(total);
      return unchangedCounts(nodes, relationships);
    }
    return this.executor.writeTransaction(
      async (tx) => {
        const change = new GraphChange();
        const counts = emptyCounts();
        await tx.run(Q.importLockEntities, { ids: touchedIds(nodes, relationships) });
        // Sync first, while the transaction holds no writes: what it removes was stored before
        // this import and is not stated by it, so the order changes nothing but the memory a
        // large import's transaction needs (a 100k-person first import ran out of it here).
        counts.relationshipsDeleted = opts.stated
          ? await deleteUnstated(tx, opts.stated, relationships, opts.organizationId, change)
          : await deleteStale(tx, nodes, relationships, opts.source, opts.organizationId, change);
        await mergeNodes(tx, nodes, { batchSize: this.batchSize, now: opts.now, counts, change, progress });
        const rels = await writeRelationships(tx, relationships, this.batchSize, progress, change);
        counts.relationships = rels.wanted;
        counts.relationshipsCreated = rels.created;
        counts.relationshipsUpdated = rels.updated;
        counts.relationshipsMoved = rels.moved;
        if (opts.prune) {
          const keep = Object.fromEntries(nodes.map((n) => [n.id, true]));
          const { source, organizationId } = opts;
          const doomed = await tx.run(Q.importPruneCandidates, { source, organizationId, keep });
          // After the entities named above (one order for all writes): deadlocks are retried.
          const ids = doomed.map((r) => String(r.id)).sort();
          if (ids.length) await tx.run(Q.importLockEntities, { ids });
          // The importer refuses a file another organisation's relationships forbid before writing;
          // pruneEntities guards a race with another write.
          counts.pruned = await pruneEntities(tx, ids, { source, organizationId }, change);
        }
        const version = await change.commit(tx);
        if (record) await tx.run(Q.importRecordSet, { ...record, version });
        return counts;
      },
      Q.importMergeNodes,
      // An edit (one entity) gets the ordinary transaction timeout, a whole file the import one.
      opts.stated ? undefined : this.txTimeoutMs,
    );
  }
}

/** Every entity a write names (its rows and both ends of its relationships), sorted. */
function touchedIds(nodes: readonly NodeRow[], relationships: readonly RelationshipRow[]): string[] {
  const ids = new Set(nodes.map((n) => n.id));
  for (const r of relationships) ids.add(r.from).add(r.to);
  return [...ids].sort();
}
