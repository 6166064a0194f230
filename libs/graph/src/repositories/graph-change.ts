import { MultisetHash, nodeElement, relationshipElement } from '../content-digest';
import { NamedTx } from '../query-executor';
import { Q } from '../query-names';

/** Past this many entities a write is logged as bulk: attack graphs reload rather than patch. */
export const MAX_LOGGED_IDS = 5000;
/** Versions of the change log kept (a process further behind reloads). */
export const CHANGES_KEPT = 1000;

type Props = Record<string, unknown>;
/** A relationship as the write queries return it: [type, from id, to id, properties]. */
export type RelationshipTuple = [string, string, string, Props];

/**
 * What one write transaction did to the graph's content, gathered as it goes: the digest's
 * elements added and removed (issue 21: the audit hash follows writes instead of re-reading the
 * graph) and the entities touched (attack graphs in memory patch those instead of reloading).
 */
export class GraphChange {
  /** What the write adds and removes, folded as it goes: constant memory for an import of any size. */
  private readonly delta = MultisetHash.empty();
  private readonly touched = new Set<string>();
  private seenRelationships = new Set<string>();
  private bulk = false;
  private digestLost = false;
  private emptied = false;

  /** An entity written: its content hash before (null: created) and after. */
  node(id: string, before: string | null, after: string): void {
    this.touch(id);
    if (before === after) return;
    if (before !== null) this.delta.remove(nodeElement(id, before));
    this.delta.add(nodeElement(id, after));
  }

  /** An entity deleted (without its hash the digest cannot follow: it is recomputed). */
  nodeGone(id: string, hash: string | null): void {
    this.touch(id);
    if (hash === null) this.digestLost = true;
    else this.delta.remove(nodeElement(id, hash));
  }

  relationshipAdded(type: string, from: string, to: string, props: Props): void {
    this.touch(from, to);
    this.delta.add(relationshipElement(type, from, to, props));
  }

  /** Deleted relationships; one listed twice (both its ends deleted) counts once. */
  relationshipsGone(rels: readonly RelationshipTuple[]): void {
    for (const [type, from, to, props] of rels) {
      const key = `${type}|${from}|${to}|${String(props.key ?? '')}`;
      if (this.seenRelationships.has(key)) continue;
      this.seenRelationships.add(key);
      this.touch(from, to);
      this.delta.remove(relationshipElement(type, from, to, props));
    }
  }

  relationshipChanged(type: string, from: string, to: string, before: Props, after: Props): void {
    this.touch(from, to);
    this.delta.remove(relationshipElement(type, from, to, before));
    this.delta.add(relationshipElement(type, from, to, after));
  }

  /**
   * Adds what another record gathered (a staged import's batch, committed on its own: its part
   * joins the import's change only once its transaction committed, so a retried batch counts once).
   */
  absorb(other: GraphChange): void {
    this.delta.plus(other.delta);
    for (const id of other.touched) this.touch(id);
    if (other.touched.size > MAX_LOGGED_IDS || other.bulk) this.bulk = true;
    this.digestLost ||= other.digestLost;
    this.emptied ||= other.emptied;
    for (const key of other.seenRelationships) this.seenRelationships.add(key);
  }

  /** Past MAX_LOGGED_IDS the log records a bulk write: the set stops growing (a 1M-person import). */
  private touch(...ids: string[]): void {
    if (this.touched.size > MAX_LOGGED_IDS) return;
    for (const id of ids) this.touched.add(id);
  }

  /** Something changed that this record cannot follow: the digest is recomputed on the next read. */
  loseDigest(): void {
    this.digestLost = true;
  }

  /** Every entity deleted: the digest starts again from the empty graph's. */
  emptiedGraph(): void {
    this.emptied = true;
    this.bulk = true;
  }

  /** Too much for a patch (an organisation deleted, the whole graph): attack graphs reload. */
  markBulk(): void {
    this.bulk = true;
  }

  /**
   * Ends the write inside its transaction: moves the graph version (taking the lock that orders
   * writes), applies the elements to the digest and logs the touched entities.
   */
  async commit(tx: NamedTx): Promise<number> {
    const [meta] = await tx.run(Q.graphVersionBump);
    // The first write of a new database starts from the empty graph's digest.
    const fresh = this.emptied || (meta.version === 1 && meta.digest === null);
    const stored = fresh
      ? MultisetHash.empty()
      : typeof meta.digest === 'string'
        ? MultisetHash.fromBase64(meta.digest)
        : undefined;
    let digest: string | null = null;
    if (stored && (!this.digestLost || this.emptied)) digest = stored.plus(this.delta).toBase64();
    const full = this.bulk || this.touched.size > MAX_LOGGED_IDS;
    await tx.run(Q.graphChangeRecord, {
      digest,
      ids: full ? [] : [...this.touched],
      full,
      keep: CHANGES_KEPT,
    });
    return meta.version as number;
  }
}

/**
 * The entities the writes after `since` up to `current` touched, from the change log; undefined
 * when the log cannot tell (a version missing or trimmed, a bulk write). Entries committed after
 * `current` was read are left to the next look.
 */
export async function touchedSince(
  tx: NamedTx,
  since: number,
  current: number,
): Promise<Set<string> | undefined> {
  const ids = new Set<string>();
  let next = since + 1;
  for (const c of await tx.run(Q.graphChangesSince, { version: since })) {
    if ((c.version as number) > current) break;
    if (c.version !== next || c.full === true) return undefined;
    next++;
    for (const id of c.ids as string[]) ids.add(String(id));
  }
  return next === current + 1 ? ids : undefined;
}
