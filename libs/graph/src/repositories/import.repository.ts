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
}

export interface WriteOptions {
  source: string;
  /** The organisation whose entities of `source` a prune may remove (null: the shared threat library). */
  organizationId: string | null;
  prune: boolean;
  now: string;
  /** Called after each batch with the rows written so far (for progress bars). */
  onProgress?: (done: number, total: number) => void;
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
  ) {}

  async lookup(ids: string[]): Promise<ExistingEntity[]> {
    if (!ids.length) return [];
    const rows = await this.executor.executeRead(Q.importLookupEntities, { ids });
    return rows.map((r) => ({
      id: String(r.id),
      labels: r.labels as string[],
      organizationId: (r.organizationId as string | null) ?? undefined,
    }));
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
    return this.executor.writeTransaction(async (tx) => {
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
      for (const [type, group] of groupBy(relationships, (r) => r.type)) {
        for (const batch of chunks(group, this.batchSize)) {
          const [r] = await tx.run(Q.importMergeRelationships, {
            type,
            // Identity is (from, type, to, key); key is '' unless a file may state several (roles, access modes).
            rows: batch.map(({ from, to, props }) => ({
              from,
              to,
              props: { ...props, key: String(props.key ?? '') },
            })),
          });
          counts.relationships += r.merged as number;
          progress(batch.length);
        }
      }
      counts.relationshipsDeleted = await deleteStale(tx, nodes, relationships, opts.source);
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
    }, Q.importMergeNodes);
  }
}

async function deleteStale(
  tx: NamedTx,
  nodes: NodeRow[],
  relationships: RelationshipRow[],
  source: string,
): Promise<number> {
  const ids = new Set(nodes.map((n) => n.id));
  for (const r of relationships) ids.add(r.from).add(r.to);
  const keep = Object.fromEntries(
    relationships.map((r) => [`${r.type}|${r.from}|${r.to}|${String(r.props.key ?? '')}`, true]),
  );
  const [row] = await tx.run(Q.importDeleteStaleRelationships, { source, ids: [...ids], keep });
  return row.deleted as number;
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
