import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

export interface ExportEntity {
  labels: string[];
  props: Record<string, unknown>;
}

export interface ExportRelationship {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

export interface GraphSnapshot {
  entities: ExportEntity[];
  relationships: ExportRelationship[];
}

/** One entity with its outgoing relationships: [type, target id, properties]. */
export interface ContentRow {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
  out: [string, string, Record<string, unknown>][];
}

export interface ExportScope {
  organizationId?: string;
  source?: string;
  /** The reader's organisations (issue 18): nothing of any other is exported; null or absent: all. */
  organizationIds?: readonly string[] | null;
}

/** Reads a consistent snapshot (one read transaction) of what an export covers. */
export class ExportRepository {
  constructor(private readonly executor: QueryExecutor) {}

  /** Every entity in id order with its outgoing relationships, for the graph's content hash. */
  async contentRows(): Promise<ContentRow[]> {
    const rows = await this.executor.executeRead(Q.exportContentRows);
    return rows.map((r) => ({
      id: String(r.id),
      labels: r.labels as string[],
      props: r.props as Record<string, unknown>,
      out: r.out as [string, string, Record<string, unknown>][],
    }));
  }

  snapshot(scope: ExportScope): Promise<GraphSnapshot> {
    const params = {
      organizationId: scope.organizationId ?? null,
      organizationIds: scope.organizationIds ?? null,
      source: scope.source ?? null,
    };
    return this.executor.readTransaction(async (tx) => {
      const entities = (await tx.run(Q.exportEntities, params)).map((r) => ({
        labels: (r.labels as string[]).filter((l) => l !== 'Entity'),
        props: r.props as Record<string, unknown>,
      }));
      const relationships = (await tx.run(Q.exportRelationships, params)).map((r) => ({
        type: String(r.type),
        from: String(r.from),
        to: String(r.to),
        props: r.props as Record<string, unknown>,
      }));
      return { entities, relationships };
    }, Q.exportEntities);
  }
}
