import {
  DomainError,
  ENTITY_KINDS,
  EntityKind,
  EntityKindSpec,
  Page,
  PageRequest,
  PropertyFilter,
  RELATIONSHIP_TYPES,
  toPage,
} from '@rampart/domain';
import { NamedTx, QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { GraphChange, RelationshipTuple } from './graph-change';
import { GraphSnapshot } from './export.repository';

/** An entity as stored: its labels (without Entity) and its flat properties. */
export interface EntityRecord {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}

export interface EntityFilter {
  organizationId?: string;
  source?: string;
  /** Text contained in the id or the name, any case. */
  search?: string;
  properties?: PropertyFilter[];
  /** Ids above the reader's clearance: left out of the page and its count (need-to-know). */
  hiddenIds?: readonly string[];
  /** The reader's organisations (issue 18): others' entities left out; null or absent: all. */
  organizationIds?: readonly string[] | null;
}

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface RelatedEntity {
  type: string;
  direction: 'OUT' | 'IN';
  props: Record<string, unknown>;
  other: EntityRecord;
}

export const toEntityRecord = (m: Record<string, unknown>): EntityRecord => {
  const { labels, ...props } = m;
  return {
    id: String(props.id),
    labels: (labels as string[]).filter((l) => l !== 'Entity'),
    props,
  };
};

/** Reads and deletes single entities of any kind; lists them by kind with whitelisted filters. */
export class EntityRepository {
  constructor(private readonly executor: QueryExecutor) {}

  page(kind: EntityKind, filter: EntityFilter, req: PageRequest): Promise<Page<EntityRecord>> {
    const spec: EntityKindSpec = ENTITY_KINDS[kind];
    const params = {
      label: spec.label,
      exclude: spec.exclude ?? [],
      organizationId: filter.organizationId ?? null,
      organizationIds: filter.organizationIds ?? null,
      source: filter.source ?? null,
      search: filter.search ? filter.search.toLowerCase() : null,
      filters: filter.properties ?? [],
      hidden: filter.hiddenIds ?? [],
    };
    // One read transaction so the page and the count agree.
    return this.executor.readTransaction(async (tx) => {
      const rows = await tx.run(Q.entityPage, {
        ...params,
        afterId: req.afterKey ?? null,
        limit: req.first + 1,
      });
      const [count] = await tx.run(Q.entityCount, params);
      const items = rows.map((r) => toEntityRecord(r.entity as Record<string, unknown>));
      return toPage(items, req, (e) => e.id, count.total as number);
    }, Q.entityPage);
  }

  async get(ids: string[]): Promise<Map<string, EntityRecord>> {
    if (!ids.length) return new Map();
    const rows = await this.executor.executeRead(Q.entityGet, { ids });
    const records = rows.map((r) => toEntityRecord(r.entity as Record<string, unknown>));
    return new Map(records.map((e) => [e.id, e]));
  }

  async relationships(
    ids: string[],
    opts: {
      types?: string[];
      direction?: Direction;
      limit?: number;
      organizationIds?: readonly string[] | null;
    } = {},
  ): Promise<Map<string, RelatedEntity[]>> {
    const types = opts.types ?? [];
    const bad = types.find((t) => !(RELATIONSHIP_TYPES as readonly string[]).includes(t));
    if (bad) throw new DomainError('VALIDATION_FAILED', `${bad} is not a relationship type`);
    const rows = await this.executor.executeRead(Q.entityRelationships, {
      ids,
      types,
      direction: opts.direction ?? 'BOTH',
      organizationIds: opts.organizationIds ?? null,
      limit: opts.limit ?? 1000,
    });
    return new Map(
      rows.map((r) => [
        String(r.id),
        (r.relationships as Record<string, unknown>[]).map((x) => ({
          type: String(x.type),
          direction: x.direction as 'OUT' | 'IN',
          props: x.props as Record<string, unknown>,
          other: toEntityRecord(x.other as Record<string, unknown>),
        })),
      ]),
    );
  }

  /**
   * Per id, the owners of each asset an edit of it concerns (an asset: itself; a control: every
   * asset it protects); ids that do not exist are missing from the map.
   */
  async ownerSets(ids: string[]): Promise<Map<string, string[][]>> {
    if (!ids.length) return new Map();
    const rows = await this.executor.executeRead(Q.entityOwnerSets, { ids: [...new Set(ids)] });
    return new Map(rows.filter((r) => r.found).map((r) => [String(r.id), r.ownerSets as string[][]]));
  }

  /** Entities with every relationship touching them, in the export's shape. */
  async snapshot(ids: string[], tx?: NamedTx): Promise<GraphSnapshot> {
    const read = async (t: NamedTx) => {
      const [row] = await t.run(Q.entitySnapshot, { ids });
      if (!row) return { entities: [], relationships: [] };
      return {
        entities: (row.entities as { labels: string[]; props: Record<string, unknown> }[]).map((e) => ({
          labels: e.labels.filter((l) => l !== 'Entity'),
          props: e.props,
        })),
        relationships: row.relationships as GraphSnapshot['relationships'],
      };
    };
    return tx ? read(tx) : this.executor.readTransaction(read, Q.entitySnapshot);
  }

  /** Deletes one entity unless a risk still needs it; returns how many relationships went with it. */
  delete(id: string): Promise<{ relationships: number }> {
    return this.executor.writeTransaction(async (tx) => {
      const dependents = await tx.run(Q.entityDependents, { id });
      if (dependents.length) {
        const list = dependents
          .map((d) =>
            d.organizationId
              ? `${String(d.id)} (${String(d.via)}, stated by ${String(d.organizationId)})`
              : `${String(d.id)} (${String(d.via)})`,
          )
          .join(', ');
        throw new DomainError(
          'CONFLICT',
          `${id} cannot be deleted: ${list} refer to it; remove those first.`,
          { dependents: dependents.map((d) => d.id) },
        );
      }
      const [row] = await tx.run(Q.entityDelete, { id });
      if (!row || row.deleted === 0) throw new DomainError('NOT_FOUND', `No entity has the id ${id}.`);
      const change = new GraphChange();
      change.nodeGone(id, (row.hash as string | null) ?? null);
      change.relationshipsGone(row.rels as RelationshipTuple[]);
      await change.commit(tx);
      return { relationships: row.relationships as number };
    }, Q.entityDelete);
  }
}
