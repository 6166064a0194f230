import { createHash } from 'node:crypto';
import { NodeRow, RelationshipRow, canonicalJson } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { touchedSince } from './graph-change';
import { identity } from './relationship-sync';

/** What a write needs to recognise a re-import of the same rows. */
export interface ImportKey {
  key: string;
  hash: string;
}

/** The record key and the hash of an import's rows, in file order (a reordered file is new). */
export function importKey(
  nodes: readonly NodeRow[],
  relationships: readonly RelationshipRow[],
  opts: { source: string; organizationId: string | null; prune: boolean },
): ImportKey {
  return new ImportKeyBuilder().add(nodes, relationships).key(opts);
}

/**
 * `importKey` over rows that arrive in batches (a streamed import): each batch's nodes, then its
 * relationships. One batch of every row gives `importKey`'s answer.
 */
export class ImportKeyBuilder {
  private readonly digest = createHash('sha256');

  add(nodes: readonly NodeRow[], relationships: readonly RelationshipRow[]): this {
    for (const n of nodes)
      this.digest.update(`${n.id}|${n.labels.join(':')}|${String(n.props.contentHash)}\n`);
    for (const r of relationships) this.digest.update(`${canonicalJson([r.type, r.from, r.to, r.props])}\n`);
    return this;
  }

  key({
    organizationId,
    source,
    prune,
  }: {
    source: string;
    organizationId: string | null;
    prune: boolean;
  }): ImportKey {
    return { key: canonicalJson([organizationId, source, prune]), hash: this.digest.digest('hex') };
  }
}

/**
 * Whether the graph holds what the last import of these rows wrote (issue 21: a no-op re-import
 * then writes nothing): the same rows were written under this key, and every write since is in
 * the change log, none bulk, and touched only existing entities of other organisations. One read
 * transaction; any doubt answers no (the import then compares row by row, as always).
 */
export function unchangedSinceImport(
  executor: QueryExecutor,
  { key, hash }: ImportKey,
  organizationId: string | null,
): Promise<boolean> {
  return executor.readTransaction(async (tx) => {
    const [record] = await tx.run(Q.importRecordGet, { key });
    if (record?.hash !== hash || typeof record.version !== 'number') return false;
    const ids = await touchedSince(tx, record.version, (record.current as number | null) ?? 0);
    if (!ids) return false;
    if (!ids.size) return true;
    const found = await tx.run(Q.importTouchedOrganizations, { ids: [...ids] });
    const own = (org: unknown) => (org ?? null) === organizationId;
    return found.length === ids.size && !found.some((r) => own(r.organizationId));
  }, Q.importRecordGet);
}

/** The counts of a re-import that found everything as it was: all unchanged. */
export function unchangedCounts(nodes: readonly NodeRow[], relationships: readonly RelationshipRow[]) {
  const distinct = new Set(relationships.map((r) => identity(r.type, r.from, r.to, r.props.key)));
  return {
    nodes: new Set(nodes.map((n) => n.id)).size,
    created: 0,
    changed: 0,
    moved: 0,
    relationships: distinct.size,
    relationshipsCreated: 0,
    relationshipsUpdated: 0,
    relationshipsMoved: 0,
    relationshipsDeleted: 0,
    pruned: 0,
  };
}
