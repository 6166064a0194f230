import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphContext, StatedTypes, WriteCounts } from '@rampart/graph';
import { documentToRows } from './document-to-rows';
import { GraphEntityInfo, ImportContext } from './import-context';
import { ImportIssue } from './import-issue';
import { FileFormat, ParsedFile, parseFile } from './parse-file';
import { definitionsOf, referencedIds } from './reference-checks';
import { validateDocument } from './validate-document';

export interface ImportOptions {
  /** The organisation a file without an organization section adds to. */
  organizationId?: string;
  /** Which file the entities came from (default: the file name); prune and export select by it. */
  source?: string;
  /** Remove entities of the same source and organisation that the file no longer contains. */
  prune?: boolean;
  /** Validate only; write nothing. */
  dryRun?: boolean;
  format?: FileFormat;
  /** Timestamp written as firstSeen/lastUpdated (default: now). */
  now?: string;
  onProgress?: (done: number, total: number) => void;
  /** Edits: replace what these entities state, whatever its source (see ImportRepository). */
  stated?: StatedTypes[];
}

export interface ImportReport {
  file: string;
  ok: boolean;
  dryRun: boolean;
  source: string;
  organizationId?: string;
  issues: ImportIssue[];
  entities: number;
  relationships: number;
  counts?: WriteCounts;
}

/** Imports native organisation files (import-format.md): validate everything, then write atomically. */
export class NativeImporter {
  constructor(private readonly graph: GraphContext) {}

  async importFile(file: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importText(path.basename(file), fs.readFileSync(file, 'utf8'), options);
  }

  async importText(file: string, text: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importParsed(parseFile(file, text, options.format), options);
  }

  /**
   * Validates and writes a document parsed already (a native file, or one assembled from another
   * format such as a CSV set, with its own `locate`): the same checks, the same single transaction.
   */
  async importParsed(parsed: ParsedFile, options: ImportOptions = {}): Promise<ImportReport> {
    const file = parsed.file;
    const source = options.source ?? file;
    const base = { file, source, dryRun: Boolean(options.dryRun), entities: 0, relationships: 0 };
    if (parsed.issues.length) return { ...base, ok: false, issues: parsed.issues };

    const ctx = await this.context(parsed.data, options.organizationId);
    const result = validateDocument(parsed, ctx);
    if (!result.document || !result.organizationId) return { ...base, ok: false, issues: result.issues };

    const rows = documentToRows(result.document, result.organizationId, source);
    const report = {
      ...base,
      ok: true,
      issues: [],
      organizationId: result.organizationId,
      entities: rows.nodes.length,
      relationships: rows.relationships.length,
    };
    if (options.dryRun) return report;
    const counts = await this.graph.imports.write(rows.nodes, rows.relationships, {
      source,
      organizationId: result.organizationId,
      prune: Boolean(options.prune),
      now: options.now ?? new Date().toISOString(),
      onProgress: options.onProgress,
      stated: options.stated,
    });
    return { ...report, counts };
  }

  /** Everything the validator needs from the graph, in three reads. */
  private async context(data: unknown, organizationId?: string): Promise<ImportContext> {
    const defined = [...definitionsOf(data).keys()];
    const ids = [...new Set([...defined, ...referencedIds(data)])];
    const [existing, organizations] = await Promise.all([
      this.graph.imports.lookup(ids),
      this.graph.organizations.list(),
    ]);
    const entities = new Map<string, GraphEntityInfo>(existing.map((e) => [e.id, { ...e }]));
    const facilities = existing.filter((e) => e.labels.includes('Facility')).map((e) => e.id);
    for (const { child, parent } of await this.graph.imports.facilityAncestry(facilities)) {
      const info = entities.get(child) ?? { id: child, labels: ['Facility'] };
      info.locatedIn = [...(info.locatedIn ?? []), parent];
      entities.set(child, info);
    }
    return {
      organizations: organizations.map((o) => ({ id: o.id, classificationLevels: o.classificationLevels })),
      entities,
      organizationId,
    };
  }
}
