import { DomainError } from '@rampart/domain';
import { NamedTx, QueryExecutor, Row } from '../query-executor';
import { Q } from '../query-names';
import { GraphChange } from './graph-change';
import { ForeignReferences, describeForeign } from './import.repository';

/** What deleting one organisation removes, and what stops it. */
export interface OrganizationDeletionPlan {
  organizationId: string;
  entities: number;
  /** By kind label (Person, System, ...; Asset for plain assets), in label order. */
  byLabel: { label: string; count: number }[];
  /** Its classified entities, counted by classification (need-to-know decides who may delete). */
  classified: { classification: string; count: number }[];
  /** Every relationship touching its entities (its own, and any stated elsewhere). */
  relationships: number;
  /** Relationships other organisations (or the threat library) state on its entities. */
  foreign: ForeignReferences[];
}

export interface OrganizationDeletion extends OrganizationDeletionPlan {
  dryRun: boolean;
  /** False on a dry run. */
  deleted: boolean;
}

/**
 * Deletes one organisation whole: every entity whose organizationId it is, with their
 * relationships, in one transaction (so never half of one). Relationships another organisation
 * states on its entities stop it unless `force` (they would go too); shared threat-library entries
 * are never touched.
 */
export class OrganizationDeletionRepository {
  constructor(
    private readonly executor: QueryExecutor,
    /** A large organisation is deleted in one transaction: it gets the import timeout. */
    private readonly txTimeoutMs?: number,
  ) {}

  plan(id: string): Promise<OrganizationDeletionPlan> {
    return this.executor.readTransaction((tx) => readPlan(tx, id), Q.organizationDeletionPlan);
  }

  delete(id: string, opts: { dryRun?: boolean; force?: boolean } = {}): Promise<OrganizationDeletion> {
    if (opts.dryRun) return this.plan(id).then((p) => ({ ...p, dryRun: true, deleted: false }));
    return this.executor.writeTransaction(
      async (tx) => {
        // Read inside the write: what is counted is exactly what goes.
        const plan = await readPlan(tx, id);
        if (plan.foreign.length && !opts.force) {
          throw new DomainError(
            'CONFLICT',
            `Organisation "${id}" was not deleted: relationships stated elsewhere refer to its entities: ${describeForeign(plan.foreign)}. Remove those first, or delete with force to remove them too.`,
            { foreign: plan.foreign },
          );
        }
        await tx.run(Q.organizationDelete, { id });
        // Up to every entity of an organisation: the digest is recomputed, attack graphs reload.
        const change = new GraphChange();
        change.loseDigest();
        change.markBulk();
        await change.commit(tx);
        return { ...plan, dryRun: false, deleted: true };
      },
      Q.organizationDelete,
      this.txTimeoutMs,
    );
  }
}

async function readPlan(tx: NamedTx, id: string): Promise<OrganizationDeletionPlan> {
  const [row] = await tx.run(Q.organizationDeletionPlan, { id });
  if (!row || Number(row.entities) === 0)
    throw new DomainError('NOT_FOUND', `No organisation has id "${id}".`);
  return {
    organizationId: id,
    entities: Number(row.entities),
    byLabel: (row.byLabel as Row[]).map((b) => ({ label: String(b.label), count: Number(b.count) })),
    classified: (row.classified as Row[]).map((c) => ({
      classification: String(c.classification),
      count: Number(c.count),
    })),
    relationships: Number(row.relationships),
    foreign: (row.foreign as Row[]).map((f) => ({
      organizationId: (f.organizationId as string | null) ?? null,
      relationships: Number(f.relationships),
      examples: f.examples as string[],
    })),
  };
}
