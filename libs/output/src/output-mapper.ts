import { Asset, Organization, Page } from '@rampart/domain';

/** The shape of an import report leaving the service (libs/import's ImportReport satisfies it). */
export interface ImportReportView {
  file: string;
  ok: boolean;
  dryRun: boolean;
  source: string;
  organizationId?: string;
  issues: { file: string; path: string; line?: number; column?: number; message: string }[];
  entities: number;
  relationships: number;
  counts?: {
    nodes: number;
    created: number;
    changed: number;
    relationships: number;
    relationshipsDeleted: number;
    pruned: number;
  };
}

/**
 * Every result leaving the service (GraphQL, REST, CLI, reports) passes through here. Fields are
 * copied by name, never spread, so a property added to the graph is not published by accident;
 * need-to-know redaction (analytics.md §8) will be applied here too.
 */
export class OutputMapper {
  organization(o: Organization): Organization {
    return {
      id: o.id,
      name: o.name,
      description: o.description,
      classification: o.classification,
      riskTolerance: o.riskTolerance,
      reviewIntervalDays: o.reviewIntervalDays,
      criticalThreshold: o.criticalThreshold,
      classificationLevels: o.classificationLevels,
      responseForce: o.responseForce && { ...o.responseForce },
    };
  }

  asset(a: Asset): Asset {
    return {
      id: a.id,
      name: a.name,
      organizationId: a.organizationId,
      labels: [...a.labels],
      kind: a.kind,
      description: a.description,
      classification: a.classification,
      businessImpact: a.businessImpact && { ...a.businessImpact },
      criticality: a.criticality,
    };
  }

  importReport(r: ImportReportView): ImportReportView {
    return {
      file: r.file,
      ok: r.ok,
      dryRun: r.dryRun,
      source: r.source,
      organizationId: r.organizationId,
      issues: r.issues.map((i) => ({
        file: i.file,
        path: i.path,
        line: i.line,
        column: i.column,
        message: i.message,
      })),
      entities: r.entities,
      relationships: r.relationships,
      counts: r.counts && {
        nodes: r.counts.nodes,
        created: r.counts.created,
        changed: r.counts.changed,
        relationships: r.counts.relationships,
        relationshipsDeleted: r.counts.relationshipsDeleted,
        pruned: r.counts.pruned,
      },
    };
  }

  page<T, U>(page: Page<T>, map: (t: T) => U): Page<U> {
    return { ...page, items: page.items.map((i) => ({ cursor: i.cursor, node: map(i.node) })) };
  }
}
