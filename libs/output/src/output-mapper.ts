import { AttackNode, Organization, Page, ReportRun, User, WriteCounts } from '@rampart/domain';
import { EntityView, toEntityView } from './entity-view';
import { NodeView, toNodeView } from './analytics-view';

/** The shape of an import report leaving the service (libs/interchange's ImportReport satisfies it). */
export interface ImportReportView {
  file: string;
  ok: boolean;
  dryRun: boolean;
  source: string;
  organizationId?: string;
  issues: { file: string; path: string; line?: number; column?: number; message: string }[];
  entities: number;
  relationships: number;
  counts?: WriteCounts;
}

/** A generated report as clients see it: where it was written only by name (never a server path). */
export interface ReportRunView extends Omit<ReportRun, 'file'> {
  /** The base name of the file written (reports directory, CLI --out), if any. */
  file?: string;
  /** Where to download a file the service keeps: GET this path. */
  downloadPath?: string;
}

/** What deleting an organisation removed (libs/graph's OrganizationDeletion satisfies it). */
export interface OrganizationDeletionView {
  organizationId: string;
  dryRun: boolean;
  deleted: boolean;
  entities: number;
  byLabel: { label: string; count: number }[];
  relationships: number;
  foreign: { organizationId: string | null; relationships: number; examples: string[] }[];
}

export interface EntityRecordLike {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}

export interface RelatedLike {
  type: string;
  direction: 'OUT' | 'IN';
  props: Record<string, unknown>;
  other: EntityRecordLike;
}

export interface RelationshipView {
  type: string;
  direction: 'OUT' | 'IN';
  mode?: string;
  justification?: string;
  since?: string;
  until?: string;
  role?: string;
  source?: string;
  node: EntityView;
}

/** A STIX import report (libs/interchange's StixImportReport satisfies it). */
export interface StixReportView {
  file: string;
  catalogue: string;
  source: string;
  dryRun: boolean;
  attackPatterns: number;
  mitigations: number;
  threats: number;
  relationships: Record<string, number>;
  skipped: { revokedOrDeprecated: number; relationshipsToSkipped: number };
  counts?: ImportReportView['counts'];
}

/**
 * Every result leaving the service (GraphQL, REST, CLI, reports) passes through here. Fields are
 * copied by name, never spread, so a property added to the graph is not published by accident;
 * need-to-know redaction (docs/spec/analytics.md §8) will be applied here too.
 */
export class OutputMapper {
  organization(
    o: Organization,
  ): Organization & { labels: string[]; entityKind: 'ORGANIZATION'; restricted: false } {
    return {
      entityKind: 'ORGANIZATION',
      labels: ['Organization'],
      restricted: false,
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

  /** A sign-in account: named fields only, so the password hash can never leave with it. */
  user(u: User): User {
    return {
      id: u.id,
      username: u.username,
      roles: [...u.roles],
      clearance: u.clearance,
      personId: u.personId,
      organizationIds: u.organizationIds && [...u.organizationIds],
      disabled: u.disabled,
      createdAt: u.createdAt,
      updatedAt: u.updatedAt,
    };
  }

  /** Any entity; kind-specific fields from a published-field table, never a spread of the node. */
  entity(e: EntityRecordLike): EntityView {
    return toEntityView(e);
  }

  /** A node in analytics results (paths, blast radius): id, name, labels, criticality only. */
  node(n: AttackNode): NodeView {
    return toNodeView(n);
  }

  /** Any stored entity shown as an analytics node (findings flag controls and risks too). */
  entityNode(e: EntityRecordLike): NodeView {
    const p = e.props;
    return toNodeView({
      id: e.id,
      name: String(p.name ?? e.id),
      labels: e.labels,
      criticality: typeof p.criticality === 'number' ? p.criticality : undefined,
      classification: typeof p.classification === 'string' ? p.classification : undefined,
    });
  }

  relationship(r: RelatedLike): RelationshipView {
    const p = r.props;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      type: r.type,
      direction: r.direction,
      mode: str(p.mode),
      justification: str(p.justification),
      since: str(p.since),
      until: str(p.until),
      role: str(p.role),
      source: str(p.source),
      node: this.entity(r.other),
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
      counts: r.counts && writeCounts(r.counts),
    };
  }

  reportRun(r: ReportRun): ReportRunView {
    const name = r.file ? r.file.split(/[\\/]/).pop() : undefined;
    return {
      id: r.id,
      report: r.report,
      format: r.format,
      generatedAt: r.generatedAt,
      parameters: { ...r.parameters },
      sha256: r.sha256,
      bytes: r.bytes,
      trigger: r.trigger,
      ...(name ? { file: name } : {}),
      // CLI --out files live on the user's machine: only runs of the reports directory download.
      ...(name && r.trigger !== 'cli'
        ? { downloadPath: `/api/report-files/${encodeURIComponent(name)}` }
        : {}),
    };
  }

  organizationDeletion(d: OrganizationDeletionView): OrganizationDeletionView {
    return {
      organizationId: d.organizationId,
      dryRun: d.dryRun,
      deleted: d.deleted,
      entities: d.entities,
      byLabel: d.byLabel.map((b) => ({ label: b.label, count: b.count })),
      relationships: d.relationships,
      foreign: d.foreign.map((f) => ({
        organizationId: f.organizationId,
        relationships: f.relationships,
        examples: [...f.examples],
      })),
    };
  }

  stixReport(r: StixReportView): StixReportView {
    return {
      file: r.file,
      catalogue: r.catalogue,
      source: r.source,
      dryRun: r.dryRun,
      attackPatterns: r.attackPatterns,
      mitigations: r.mitigations,
      threats: r.threats,
      relationships: { ...r.relationships },
      skipped: { ...r.skipped },
      counts: r.counts && writeCounts(r.counts),
    };
  }

  page<T, U>(page: Page<T>, map: (t: T) => U): Page<U> {
    return { ...page, items: page.items.map((i) => ({ cursor: i.cursor, node: map(i.node) })) };
  }
}

type WriteCountsView = NonNullable<ImportReportView['counts']>;

/** Import and STIX reports carry the same write counts: copied by name in one place. */
function writeCounts(c: WriteCountsView): WriteCountsView {
  return {
    nodes: c.nodes,
    created: c.created,
    changed: c.changed,
    moved: c.moved,
    relationships: c.relationships,
    relationshipsCreated: c.relationshipsCreated,
    relationshipsUpdated: c.relationshipsUpdated,
    relationshipsMoved: c.relationshipsMoved,
    relationshipsDeleted: c.relationshipsDeleted,
    pruned: c.pruned,
  };
}
