import {
  DomainError,
  ENTITY_LABELS,
  NodeRow,
  RELATIONSHIP_TYPES,
  RelationshipRow,
  WriteCounts,
  isEntityLabel,
} from '@rampart/domain';
import { NamedTx } from '../query-executor';
import { Q } from '../query-names';
import { GraphChange } from './graph-change';
import { chunks, groupBy } from './relationship-sync';
import { refuseHeld } from './stage-held';

export const emptyCounts = (): WriteCounts => ({
  nodes: 0,
  created: 0,
  changed: 0,
  moved: 0,
  relationships: 0,
  relationshipsCreated: 0,
  relationshipsUpdated: 0,
  relationshipsMoved: 0,
  relationshipsDeleted: 0,
  pruned: 0,
});

/** Upserts entity rows a label set and a batch at a time, counting and following the digest. */
export async function mergeNodes(
  tx: NamedTx,
  nodes: readonly NodeRow[],
  opts: {
    batchSize: number;
    now: string;
    counts: WriteCounts;
    change: GraphChange;
    progress: (n: number) => void;
  },
): Promise<void> {
  const { counts, change } = opts;
  for (const [, group] of groupBy([...nodes], (n) => n.labels.join(':'))) {
    for (const batch of chunks(group, opts.batchSize)) {
      const [r] = await tx.run(Q.importMergeNodes, {
        labels: batch[0].labels,
        rows: batch.map(({ id, props }) => ({ id, props })),
        now: opts.now,
      });
      refuseHeld(r.held);
      counts.nodes += r.merged as number;
      counts.created += r.created as number;
      counts.changed += r.changed as number;
      counts.moved += r.moved as number;
      const after = new Map(batch.map((n) => [n.id, String(n.props.contentHash)]));
      for (const [id, before] of r.hashes as [string, string | null][])
        change.node(id, before, after.get(id) as string);
      opts.progress(batch.length);
    }
  }
}

/** Labels and types reach Cypher as parameters, but only from the whitelists. */
export function assertWhitelisted(
  nodes: readonly NodeRow[],
  relationships: readonly RelationshipRow[],
): void {
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
