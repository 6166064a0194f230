import {
  DomainError,
  ENTITY_LABELS,
  NodeRow,
  RELATIONSHIP_TYPES,
  RelationshipRow,
  isEntityLabel,
} from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

export interface SeedCounts {
  nodes: number;
  relationships: number;
}

/**
 * Writes node and relationship rows with idempotent UNWIND ... MERGE batches, all in one
 * transaction: a failure leaves the graph as it was.
 */
export class SeedRepository {
  constructor(
    private readonly executor: QueryExecutor,
    private readonly batchSize = 1000,
  ) {}

  async write(nodes: NodeRow[], relationships: RelationshipRow[]): Promise<SeedCounts> {
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
    return this.executor.writeTransaction(async (tx) => {
      const counts: SeedCounts = { nodes: 0, relationships: 0 };
      // Nodes with the same label set share one parameterised statement.
      for (const [, rows] of groupBy(nodes, (n) => n.labels.join(':'))) {
        for (const batch of chunks(rows, this.batchSize)) {
          const [r] = await tx.run(Q.demoMergeNodes, {
            labels: batch[0].labels,
            rows: batch.map(({ id, props }) => ({ id, props })),
          });
          counts.nodes += r.merged as number;
        }
      }
      for (const [type, rows] of groupBy(relationships, (r) => r.type)) {
        for (const batch of chunks(rows, this.batchSize)) {
          const [r] = await tx.run(Q.demoMergeRelationships, {
            type,
            rows: batch.map(({ from, to, props }) => ({ from, to, props })),
          });
          counts.relationships += r.merged as number;
        }
      }
      return counts;
    }, Q.demoMergeNodes);
  }
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const item of items) m.set(key(item), [...(m.get(key(item)) ?? []), item]);
  return m;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
