import { ClassificationLevels, maySee } from '@rampart/auth';
import { DEFAULT_CLASSIFICATION_LEVELS, DomainError, NodeRow, RelationshipRow } from '@rampart/domain';
import { ClassificationCount, ClassifiedEnd, GraphContext, StatedTypes } from '@rampart/graph';
import { GraphEntityInfo, GraphOrganizationInfo } from './import-context';

/**
 * Need-to-know for writes (security.md, issue 8): an import never creates, changes or prunes an
 * entity above the importing user's clearance. The whole file is refused, saying how many entries
 * are above the clearance but never which.
 */
export interface ClearanceFacts {
  /** The nodes the import writes (organisation and entities), with their declared classification. */
  nodes: readonly Pick<NodeRow, 'id' | 'props'>[];
  /** Stored classification of the ids that exist already (undefined: unclassified). */
  stored: ReadonlyMap<string, string | undefined>;
  /** What a prune would delete, by classification (empty without prune). */
  prunable?: readonly ClassificationCount[];
  /**
   * Classified nodes at an end of a relationship the import would delete, create or change: that
   * changes the node too. Judged by the node's own organisation's levels, as the read side hides it.
   */
  ends?: readonly ClassifiedEnd[];
}

export interface ClearanceScope {
  /** The importing user's clearance (null: none, sees unclassified entries only). */
  clearance: string | null;
  /** The target organisation's levels once imported (the file's, else the stored ones). */
  levels?: ClassificationLevels;
  /**
   * The organisation's levels as stored: stored entries must be visible under these too, so a file
   * cannot reorder the levels to bring a stored entry under the user's clearance.
   */
  storedLevels?: ClassificationLevels;
}

const asClassification = (v: unknown): string | undefined =>
  v === null || v === undefined ? undefined : String(v);

/** How many entries the import would create, change or prune above the clearance. */
export function countAboveClearance(facts: ClearanceFacts, scope: ClearanceScope): number {
  const levels = scope.levels ?? DEFAULT_CLASSIFICATION_LEVELS;
  const storedLevels = scope.storedLevels ?? levels;
  const sees = (c: string | undefined, lists: ClassificationLevels[]) =>
    lists.every((l) => maySee(scope.clearance, c, l));
  // An id counts once, whether its new classification, its stored one or both are too high.
  const above = new Set<string>();
  for (const n of facts.nodes) {
    const declared = asClassification(n.props.classification);
    if (!sees(declared, [levels]) || !sees(facts.stored.get(n.id), [storedLevels, levels])) above.add(n.id);
  }
  for (const e of facts.ends ?? [])
    if (!maySee(scope.clearance, e.classification, e.levels ?? DEFAULT_CLASSIFICATION_LEVELS))
      above.add(e.id);
  let pruned = 0;
  for (const p of facts.prunable ?? [])
    if (!sees(p.classification, [storedLevels, levels])) pruned += p.count;
  return above.size + pruned;
}

/**
 * Need-to-know for references: the existing entries above the clearance, each judged by its own
 * organisation's levels as the read side hides it. The validator must not resolve them, so a
 * reference to one fails exactly as a reference to an id that does not exist.
 */
export function hiddenEntries(
  entities: Iterable<GraphEntityInfo>,
  organizations: readonly GraphOrganizationInfo[],
  clearance: string | null,
): ClassifiedEnd[] {
  const levelsOf = (org?: string) => organizations.find((o) => o.id === org)?.classificationLevels;
  const out: ClassifiedEnd[] = [];
  for (const e of entities) {
    const levels = levelsOf(e.organizationId);
    if (
      e.classification !== undefined &&
      !maySee(clearance, e.classification, levels ?? DEFAULT_CLASSIFICATION_LEVELS)
    )
      out.push({ id: e.id, classification: e.classification, levels });
  }
  return out;
}

/**
 * The classifications a streamed first import declares, counted (a few distinct values, whatever
 * the file's size): all a first import's clearance check needs, since it changes nothing stored.
 */
export class DeclaredClassifications {
  private readonly counts = new Map<string | undefined, number>();

  add(nodes: readonly Pick<NodeRow, 'props'>[]): void {
    for (const n of nodes) {
      const c = asClassification(n.props.classification);
      this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
    }
  }

  /** How many entries are above the clearance under these levels (the file's, else the stored). */
  above(clearance: string | null, levels?: ClassificationLevels): number {
    let n = 0;
    for (const [c, count] of this.counts)
      if (!maySee(clearance, c, levels ?? DEFAULT_CLASSIFICATION_LEVELS)) n += count;
    return n;
  }
}

/** The refusal: a count and the user's clearance, never an id or a name. */
export function aboveClearanceError(
  count: number,
  clearance: string | null,
  what: 'file' | 'edit' | 'delete' = 'file',
): DomainError {
  const level = clearance ?? 'none';
  const entries = `${count} ${count === 1 ? 'entry' : 'entries'}`;
  const message =
    what === 'edit'
      ? `This edit would create, change or remove an entry above your clearance (${level}); nothing was changed. Ask someone cleared for it to make the edit.`
      : what === 'delete'
        ? `The organisation holds ${entries} above your clearance (${level}); nothing was deleted. Ask someone cleared for them to delete it.`
        : `This file would create, change or prune ${entries} above your clearance (${level}); nothing was imported. Ask someone cleared for them to import it.`;
  return new DomainError('FORBIDDEN', message, { aboveClearance: count });
}

/** Is this the refusal above (to reword it for an edit)? */
export const isAboveClearanceError = (e: unknown): e is DomainError =>
  e instanceof DomainError && e.code === 'FORBIDDEN' && typeof e.details?.aboveClearance === 'number';

export interface ClearanceRequest extends ClearanceScope {
  nodes: readonly Pick<NodeRow, 'id' | 'props'>[];
  /** Stored classifications when the caller has read them already; else looked up here. */
  stored?: ReadonlyMap<string, string | undefined>;
  /** Set when the import prunes: the same selection as ImportRepository.write's prune. */
  prune?: { source: string; organizationId: string | null };
  /** The rows the import writes, and how it syncs (as ImportRepository.write): to check what it deletes. */
  relationships?: readonly RelationshipRow[];
  sync?: { source: string; organizationId: string | null; stated?: StatedTypes[] };
  /**
   * Existing nodes above the clearance that the rows may still name (an edit keeps the hidden
   * relationships of the edited item): refused when a row would create or change one of those.
   */
  hidden?: readonly ClassifiedEnd[];
}

/** Reads what the check needs (nothing when the caller has it) and throws FORBIDDEN above the clearance. */
export async function refuseAboveClearance(graph: GraphContext, req: ClearanceRequest): Promise<void> {
  const ids = req.nodes.map((n) => n.id);
  const stored =
    req.stored ?? new Map((await graph.imports.lookup(ids)).map((e) => [e.id, e.classification]));
  const prunable = req.prune
    ? await graph.imports.pruneClassifications(req.prune.source, req.prune.organizationId, ids)
    : [];
  const relationships = req.relationships ?? [];
  const deleted = req.sync
    ? await graph.imports.deletedRelationshipEnds(req.nodes, relationships, req.sync)
    : [];
  const ends = [...deleted, ...(await changedHiddenEnds(graph, relationships, req.hidden ?? []))];
  const count = countAboveClearance({ nodes: req.nodes, stored, prunable, ends }, req);
  if (count > 0) throw aboveClearanceError(count, req.clearance);
}

/** The hidden nodes that rows would link anew or change a relationship of (unchanged rows are fine). */
async function changedHiddenEnds(
  graph: GraphContext,
  relationships: readonly RelationshipRow[],
  hidden: readonly ClassifiedEnd[],
): Promise<ClassifiedEnd[]> {
  const byId = new Map(hidden.map((h) => [h.id, h]));
  const touching = relationships.filter((r) => byId.has(r.from) || byId.has(r.to));
  if (!touching.length) return [];
  const changed = await graph.imports.changedRelationships(touching);
  return changed.flatMap((r) => [byId.get(r.from), byId.get(r.to)]).filter((e) => e !== undefined);
}
