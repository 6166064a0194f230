import { randomUUID } from 'node:crypto';
import { DomainError, RelationshipRow, WriteCounts } from '@rampart/domain';
import { NamedTx, QueryExecutor, runUncancellable } from '../query-executor';
import { Q } from '../query-names';
import { FingerprintSet } from './fingerprint-set';
import { GraphChange } from './graph-change';
import { RowBatch, StreamWriteOptions, missingEnds } from './import-stream';
import { assertWhitelisted, emptyCounts } from './node-sync';
import { chunks, createRelationships, groupBy, identity } from './relationship-sync';
import { refuseHeld } from './stage-held';

export interface StageTuning {
  batchSize: number;
  txTimeoutMs?: number;
  /** A stage whose heartbeat is older than this is abandoned (its importer is gone). */
  staleAfterMs?: number;
}

/** Ten minutes without a batch: far longer than any batch takes, so the importer is gone. */
export const STALE_AFTER_MS = 10 * 60_000;
/** Staged entities or relationships deleted per transaction of a drop. */
const DROP_CHUNK = 50_000;

/**
 * Whether an import only adds: the first import of its source into the organisation, naming no
 * stored entity. Such an import can be staged: nothing it writes replaces or relates to what
 * readers see until the switch.
 */
export async function canStage(
  executor: QueryExecutor,
  opts: Pick<StreamWriteOptions, 'organizationId' | 'source'>,
  existing: readonly string[],
): Promise<boolean> {
  if (existing.length) return false;
  return !(await sourceHasEntities(executor.executeRead.bind(executor), opts));
}

/**
 * Writes an import that only adds, batch by batch, each batch its own transaction: entities land
 * with their labels and a `stage` property, which every query filters out (`x.stage IS NULL`),
 * and relationships link them only to each other, so no reader reaches them. One last transaction
 * switches them in (the property removed, the digest, the import record), so readers see all of
 * the import or none of it. The switch holds about 3.7 KB per entity at commit
 * (docs/performance.md). A failure drops the stage; a stage whose importer died is dropped by the
 * next staged import.
 */
export async function writeStagedImport(
  executor: QueryExecutor,
  batches: () => AsyncIterable<RowBatch> | Iterable<RowBatch>,
  opts: StreamWriteOptions,
  tuning: StageTuning,
): Promise<WriteCounts> {
  await refuseTooLargeSwitch(executor, opts.entities);
  const staleAfter = tuning.staleAfterMs ?? STALE_AFTER_MS;
  await dropAbandonedStages(executor, new Date(Date.now() - staleAfter).toISOString());
  const stage = randomUUID();
  const scope: StageScope = { stage, organizationId: opts.organizationId, source: opts.source };
  await executor.executeWrite(Q.importStageOpen, { ...scope, now: isoNow() });
  try {
    const change = new GraphChange();
    const counts = emptyCounts();
    const stated = new FingerprintSet(opts.relationships);
    // Ends a relationship needed before their batch came: each must be staged by the end.
    const ahead = new Set<string>();
    let done = 0;
    for await (const batch of batches()) {
      assertWhitelisted(batch.nodes, batch.relationships);
      const fresh: RelationshipRow[] = [];
      const restated: RelationshipRow[] = [];
      for (const r of batch.relationships)
        (stated.add(identity(r.type, r.from, r.to, r.props.key)) ? fresh : restated).push(r);
      let part = new GraphChange();
      const bare = await executor.writeTransaction(
        async (tx) => {
          part = new GraphChange(); // a retried batch starts its part again
          const [beat] = await tx.run(Q.importStageHeartbeat, { stage, now: isoNow() });
          if (!beat.alive) throw stageLost();
          await stageNodes(tx, stage, batch, opts.now, tuning.batchSize, part);
          return stageRelationships(tx, scope, fresh, restated, tuning.batchSize, part);
        },
        Q.importStageNodes,
        tuning.txTimeoutMs,
      );
      change.absorb(part);
      for (const n of batch.nodes) ahead.delete(n.id);
      for (const id of bare) ahead.add(id);
      counts.nodes += batch.nodes.length;
      counts.created += batch.nodes.length;
      counts.changed += batch.nodes.length;
      counts.relationships += fresh.length;
      counts.relationshipsCreated += fresh.length;
      done += batch.nodes.length + batch.relationships.length;
      opts.onProgress?.(done, opts.entities + opts.relationships);
    }
    if (ahead.size) throw missingEnds(ahead);
    return await switchStage(executor, stage, opts, change, counts, tuning.txTimeoutMs);
  } catch (e) {
    // Best effort: a stage left behind (the database gone meanwhile) is dropped by the next one.
    // Interrupted (a client gone, SIGTERM): the drop still runs, outside the cancelled context.
    await runUncancellable(() => dropStage(executor, scope, null)).catch(() => undefined);
    throw e;
  }
}

async function stageNodes(
  tx: NamedTx,
  stage: string,
  batch: RowBatch,
  now: string,
  size: number,
  part: GraphChange,
): Promise<void> {
  for (const [, group] of groupBy(batch.nodes, (n) => n.labels.join(':')))
    for (const rows of chunks(group, size)) {
      const labels = rows[0].labels;
      const [r] = await tx.run(Q.importStageNodes, {
        stage,
        labels,
        now,
        rows: rows.map(({ id, props }) => ({ id, props })),
      });
      refuseHeld(r.held);
      for (const n of rows) part.node(n.id, null, String(n.props.contentHash));
    }
}

/** Creates the batch's new relationships and restates repeated ones; returns the ends left bare. */
async function stageRelationships(
  tx: NamedTx,
  scope: StageScope,
  fresh: RelationshipRow[],
  restated: RelationshipRow[],
  size: number,
  part: GraphChange,
): Promise<Set<string>> {
  const bare = new Set<string>();
  const create = (rows: RelationshipRow[]) =>
    createRelationships(tx, rows, size, {
      query: Q.importStageRelationships,
      params: scope,
      change: part,
      ahead: bare,
    });
  await create(fresh);
  // Stated again (within the file): the later statement's properties win, as in one transaction.
  const unmatched: RelationshipRow[] = [];
  for (const [type, group] of groupBy(restated, (r) => r.type))
    for (const batch of chunks(group, size)) {
      const rows = batch.map(({ from, to, props }) => ({ from, to, props }));
      const found = await tx.run(Q.importStageRestateRelationships, { stage: scope.stage, type, rows });
      const before = new Map(found.map((f) => [`${String(f.from)}|${String(f.to)}`, f.before]));
      for (const row of batch) {
        const was = before.get(`${row.from}|${row.to}`) as Record<string, unknown> | undefined;
        if (was) part.relationshipChanged(type, row.from, row.to, was, row.props);
        else unmatched.push(row); // a fingerprint shared by two relationships: this one is new
      }
    }
  await create(unmatched);
  return bare;
}

/** The last transaction: the staged entities become visible, with the digest and the import record. */
async function switchStage(
  executor: QueryExecutor,
  stage: string,
  opts: StreamWriteOptions,
  change: GraphChange,
  counts: WriteCounts,
  txTimeoutMs?: number,
): Promise<WriteCounts> {
  const { organizationId, source } = opts;
  return executor.writeTransaction(
    async (tx) => {
      const [claim] = await tx.run(Q.importStageClaim, { stage, state: 'switching', staleBefore: null });
      if (!claim.claimed) throw stageLost();
      // Another import of the same source committed meanwhile: this one no longer only adds.
      if (await sourceHasEntities(tx.run, opts))
        throw new DomainError(
          'CONFLICT',
          `another import of ${source} into organisation ${organizationId} finished while this one was written; nothing was written: import the file again.`,
        );
      await tx.run(Q.importStageSwitch, { stage, organizationId, source });
      const [org] = await tx.run(Q.importOrganizationExists, { organizationId });
      if (!org.exists)
        throw new DomainError(
          'CONFLICT',
          `organisation ${organizationId} was deleted while the file was imported; nothing was written.`,
        );
      const version = await change.commit(tx);
      await tx.run(Q.importRecordSet, { ...opts.key, version });
      await tx.run(Q.importStageClose, { stage });
      return counts;
    },
    Q.importStageSwitch,
    txTimeoutMs,
  );
}

/**
 * What the switch's transaction holds per entity at its peak: removing one property is about
 * 500 bytes while the statement runs, and its commit holds the records before and after: 4,804 MB
 * for the 1,369,118 entities of a 1M-person organisation on Neo4j 5.26 (docs/performance.md).
 */
export const SWITCH_BYTES_PER_ENTITY = 3_700;

/**
 * Refuses at once (TRANSACTION_TOO_LARGE) a staged import whose switch needs more memory than
 * Neo4j allows one transaction: otherwise Neo4j refuses it only after the whole file was staged.
 * Settings the account may not read leave the decision to Neo4j.
 */
async function refuseTooLargeSwitch(executor: QueryExecutor, entities: number): Promise<void> {
  const rows = await executor.executeRead(Q.transactionMemoryLimits).catch(() => []);
  const limits = rows.map((r) => bytesOf(String(r.value))).filter((b) => b > 0);
  if (!limits.length) return;
  const limit = Math.min(...limits);
  const needed = entities * SWITCH_BYTES_PER_ENTITY;
  if (needed <= limit * 0.95) return;
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GB`;
  // The limit is 70% of the heap by default, and the switch should stay within 95% of it.
  const heapMb = Math.ceil(needed / 0.665 / 2 ** 30) * 1024;
  throw new DomainError(
    'TRANSACTION_TOO_LARGE',
    `A first import of ${entities} entities is switched in by one transaction of about ${gb(needed)}, and Neo4j allows one transaction ${gb(limit)} (dbms.memory.transaction.total.max, 70% of its heap by default); nothing was written. Give Neo4j a heap of at least ${heapMb} MB (NEO4J_LOCAL_HEAP_MB for the local launcher).`,
  );
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** A Neo4j size setting in bytes ('5.60GiB', '716.80MiB', '512k', '0B'); NaN when unreadable. */
export function bytesOf(value: string): number {
  const m = /^\s*([\d.]+)\s*([kmgt]?)i?b?\s*$/i.exec(value);
  return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : NaN;
}

/** Drops the stages whose importer stopped (heartbeat older than `staleBefore`) or whose drop stopped. */
export async function dropAbandonedStages(executor: QueryExecutor, staleBefore: string): Promise<number> {
  const stages = await executor.executeRead(Q.importStageAbandoned, { staleBefore });
  let dropped = 0;
  for (const s of stages) {
    const scope = {
      stage: String(s.stage),
      organizationId: String(s.organizationId),
      source: String(s.source),
    };
    if (await dropStage(executor, scope, s.dropping ? undefined : staleBefore)) dropped++;
  }
  return dropped;
}

/**
 * Claims a stage for dropping (null: the importer's own, whatever its heartbeat; undefined: one a
 * drop claimed before and did not finish), then deletes it in bounded transactions.
 */
async function dropStage(
  executor: QueryExecutor,
  scope: StageScope,
  staleBefore: string | null | undefined,
): Promise<boolean> {
  const { stage } = scope;
  if (staleBefore !== undefined) {
    const [claim] = await executor.executeWrite(Q.importStageClaim, {
      stage,
      state: 'dropping',
      staleBefore,
    });
    if (!claim.claimed) return false;
  }
  for (const query of [Q.importStageDropRelationships, Q.importStageDropNodes])
    for (;;) {
      const [r] = await executor.executeWrite(query, { ...scope, limit: DROP_CHUNK });
      if (!(r.dropped as number)) break;
    }
  await executor.executeWrite(Q.importStageClose, { stage });
  return true;
}

async function sourceHasEntities(
  run: (name: typeof Q.importSourceEntitiesAfter, params: Record<string, unknown>) => Promise<unknown[]>,
  opts: Pick<StreamWriteOptions, 'organizationId' | 'source'>,
): Promise<boolean> {
  const rows = await run(Q.importSourceEntitiesAfter, {
    organizationId: opts.organizationId,
    source: opts.source,
    after: '',
    limit: 1,
  });
  return rows.length > 0;
}

/** A stage and where its entities are: the switch and a drop find them by organisation and source. */
type StageScope = {
  stage: string;
  organizationId: string;
  source: string;
};

const isoNow = () => new Date().toISOString();

function stageLost(): DomainError {
  return new DomainError(
    'CONFLICT',
    'the import stopped renewing its staged batches for too long and they were dropped; nothing was written: import the file again.',
  );
}
