import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError, NativeDocument, OrganizationScope } from '@rampart/domain';
import {
  ForeignReferences,
  GraphContext,
  ImportKeyBuilder,
  StatedTypes,
  WriteCounts,
  foreignReferencesMessage,
} from '@rampart/graph';
import {
  DeclaredClassifications,
  aboveClearanceError,
  hiddenEntries,
  refuseAboveClearance,
} from './clearance-check';
import { documentToRows } from './document-to-rows';
import { GraphEntityInfo, GraphOrganizationInfo, ImportContext } from './import-context';
import { ImportIssue, formatPath } from './import-issue';
import { DEFAULT_INPUT_LIMITS, InputLimits, checkValues } from './input-limits';
import { FileFormat, ParsedFile, parseFile } from './parse-file';
import { definitionsOf, referencedIds } from './reference-checks';
import { validateDocument } from './validate-document';
import { jsonFileEntries, readDocument } from './read-document';
import { ENTRY_BATCH, documentBatches, validateStream } from './stream-validator';
import { JsonEntryError } from './json-entries';

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
  /**
   * The importing user's clearance: when the property is present (even null), a file that would
   * create, change or prune an entry above it is refused whole (FORBIDDEN), dry runs included.
   * Absent (undefined): no check, for callers acting with full rights (CLI, demo loader).
   */
  clearance?: string | null;
  /**
   * Edits: ids above the clearance that the edited item already refers to as stored. They resolve
   * as usual so an edit keeps the item's hidden relationships; a row that would create or change a
   * relationship to one is still refused. Any other reference to them fails as to an unknown id.
   */
  knownHidden?: readonly string[];
  /**
   * The importing account's organisations (issue 18). Entries of any other organisation are absent
   * for it: references to them fail as to unknown ids, their ids cannot be defined, and the file
   * may only add to an organisation in view. Absent: every organisation.
   */
  organizations?: OrganizationScope;
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

/** Imports native organisation files (docs/spec/import-format.md): validate everything, then write atomically. */
export class NativeImporter {
  constructor(
    private readonly graph: GraphContext,
    /** What a file may hold (nesting, text and list lengths): bounded cost for any input. */
    readonly limits: InputLimits = DEFAULT_INPUT_LIMITS,
    /** Entries a streamed validation or import takes at a time. */
    private readonly entryBatch = ENTRY_BATCH,
  ) {}

  async importFile(file: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importText(path.basename(file), readDocument(file), options);
  }

  /**
   * A dry run of a JSON file read entry by entry: the same checks and messages as `importFile`
   * with `dryRun`, with memory bounded by a batch and the ids the file defines (a file of any
   * size). Without clearance and prune checks: for callers with full rights (`rampart validate`).
   */
  async validateJsonFile(
    filePath: string,
    options: ImportOptions = {},
    file = path.basename(filePath),
  ): Promise<ImportReport> {
    const source = options.source ?? file;
    const r = await validateStream({
      file,
      source,
      entries: () => jsonFileEntries(filePath, this.limits),
      contextFor: (data) => this.context(data, options),
      limits: this.limits,
      batchSize: this.entryBatch,
    });
    const { issues, organizationId, entities, relationships } = r;
    return {
      file,
      source,
      dryRun: true,
      ok: !issues.length,
      issues,
      organizationId,
      entities,
      relationships,
    };
  }

  /**
   * Imports a JSON file read entry by entry (a file of any size): validated as `validateJsonFile`
   * does, then read once more and written in batches (staged when it is a first import, else into
   * one transaction), so memory is bounded by a batch and the ids the file names. For callers with
   * full rights (the CLI).
   */
  async importJsonFile(
    filePath: string,
    options: ImportOptions = {},
    file = path.basename(filePath),
  ): Promise<ImportReport> {
    return (await this.streamed(filePath, options, file, false)) as ImportReport;
  }

  /**
   * The same for any caller, clearance and organisations included (the API's uploads), when the
   * file is a first import: it names no stored entity and its source has none in the organisation,
   * so it only adds and is staged; the clearance then only has to cover what the file declares.
   * Dry runs stop before writing. Undefined when the file is valid but not a first import: the
   * caller reads it whole, where every clearance check applies.
   */
  async importFirstJsonFile(
    filePath: string,
    options: ImportOptions = {},
    file = path.basename(filePath),
  ): Promise<ImportReport | undefined> {
    // A source imported before, anywhere: almost surely not a first import; read whole at once
    // rather than checked twice (entry by entry, then whole).
    if (await this.graph.imports.sourceImported(options.source ?? file)) return undefined;
    return this.streamed(filePath, options, file, true);
  }

  private async streamed(
    filePath: string,
    options: ImportOptions,
    file: string,
    firstOnly: boolean,
  ): Promise<ImportReport | undefined> {
    const source = options.source ?? file;
    const stat = fs.statSync(filePath);
    // Stored entities the file names (those above the clearance too) and the stored levels.
    const existing = new Set<string>();
    let organizations: GraphOrganizationInfo[] = [];
    const declared = new DeclaredClassifications();
    const key = new ImportKeyBuilder();
    const entries = () => jsonFileEntries(filePath, this.limits);
    const checked = await validateStream({
      file,
      source,
      entries,
      contextFor: async (data) => {
        const ctx = await this.context(data, options);
        for (const id of [...ctx.entities.keys(), ...(ctx.hidden?.keys() ?? [])]) existing.add(id);
        organizations = ctx.organizations;
        return ctx;
      },
      limits: this.limits,
      batchSize: this.entryBatch,
      onRows: (rows) => {
        key.add(rows.nodes, rows.relationships);
        declared.add(rows.nodes);
      },
    });
    const { issues, organizationId, entities, relationships, head, defined } = checked;
    const dryRun = firstOnly && Boolean(options.dryRun);
    const report = {
      file,
      source,
      dryRun,
      ok: !issues.length,
      issues,
      organizationId,
      entities,
      relationships,
    };
    if (!report.ok || !organizationId || !head || !defined) return report;
    if (firstOnly) {
      if (existing.size || !(await this.graph.imports.isFirstImport(organizationId, source)))
        return undefined;
      if (options.clearance !== undefined) {
        const stored = organizations.find((o) => o.id === organizationId)?.classificationLevels;
        const levels = (head.classificationLevels as string[] | undefined) ?? stored;
        const above = declared.above(options.clearance, levels);
        if (above) throw aboveClearanceError(above, options.clearance);
      }
      if (dryRun) return report;
    }
    const prune = Boolean(options.prune);
    try {
      const read = { filePath, file, stat, head, size: this.entryBatch, limits: this.limits };
      const counts = await this.graph.imports.writeStream(() => rowBatches(read, organizationId, source), {
        source,
        organizationId,
        prune,
        now: options.now ?? new Date().toISOString(),
        key: key.key({ organizationId, source, prune }),
        entities,
        relationships,
        existing,
        defines: (id) => defined.has(id),
        onProgress: options.onProgress,
        stagedOnly: firstOnly,
      });
      return { ...report, counts };
    } catch (e) {
      // A prune another organisation's relationships forbid: refused whole, as a whole-file import is.
      if (!(e instanceof DomainError) || e.code !== 'CONFLICT') throw e;
      return { ...report, ok: false, issues: [{ file, path: '', message: e.message }] };
    }
  }

  async importText(file: string, text: string, options: ImportOptions = {}): Promise<ImportReport> {
    return this.importParsed(parseFile(file, text, options.format, this.limits), options);
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
    // Whatever the format (native, CSV set, an edit): text and list lengths, nesting, control characters.
    const over = checkValues(parsed.data, this.limits);
    if (over) {
      const issue = { file, path: formatPath(over.path), ...parsed.locate(over.path), message: over.message };
      return { ...base, ok: false, issues: [issue] };
    }

    const ctx = await this.context(parsed.data, options);
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
    // Before any write, and on a dry run too: a refused file is refused whatever the mode.
    if (options.prune) {
      const ids = rows.nodes.map((n) => n.id);
      const foreign = await this.graph.imports.foreignReferences(source, result.organizationId, ids);
      if (foreign.length) {
        const message = foreignReferencesMessage(foreign.map((f) => inView(f, options.organizations)));
        return { ...report, ok: false, issues: [{ file, path: '', message }] };
      }
    }
    if (options.clearance !== undefined) {
      const hidden = ctx.hidden ?? new Map<string, GraphEntityInfo>();
      const storedLevels = ctx.organizations.find(
        (o) => o.id === result.organizationId,
      )?.classificationLevels;
      await refuseAboveClearance(this.graph, {
        clearance: options.clearance,
        levels: result.document.classificationLevels ?? storedLevels,
        storedLevels,
        nodes: rows.nodes,
        stored: new Map([...ctx.entities, ...hidden].map(([id, e]) => [id, e.classification])),
        prune: options.prune ? { source, organizationId: result.organizationId } : undefined,
        relationships: rows.relationships,
        sync: { source, organizationId: result.organizationId, stated: options.stated },
        hidden: hiddenEntries(hidden.values(), ctx.organizations, options.clearance),
      });
    }
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

  /**
   * Everything the validator needs from the graph, in three reads (four with a clearance). With a
   * clearance, entries above it go to `hidden` instead of `entities`: the validator answers for
   * them as for ids that do not exist, and the clearance check still sees them.
   */
  private async context(data: unknown, options: ImportOptions): Promise<ImportContext> {
    const defined = [...definitionsOf(data).keys()];
    const ids = [...new Set([...defined, ...referencedIds(data)])];
    const [existing, orgList] = await Promise.all([
      this.graph.imports.lookup(ids),
      this.graph.organizations.list(),
    ]);
    const scope = options.organizations ?? OrganizationScope.ALL;
    const organizations = orgList
      .filter((o) => scope.sees(o.id))
      .map((o) => ({ id: o.id, classificationLevels: o.classificationLevels }));
    // Out of the account's view: absent (an edit keeps what its item already names), and taken.
    const named = new Set(options.knownHidden ?? []);
    const taken = existing.filter((e) => !scope.includes(e.organizationId)).map((e) => e.id);
    const all = new Map<string, GraphEntityInfo>(
      existing
        .filter((e) => scope.includes(e.organizationId) || named.has(e.id))
        .map((e) => [e.id, { ...e }]),
    );
    const facilities = existing.filter((e) => e.labels.includes('Facility')).map((e) => e.id);
    const ancestry = await this.graph.imports.facilityAncestry(facilities);
    if (options.clearance !== undefined) {
      // Ancestors the file does not name: a cycle message must not show a hidden one's id.
      const unnamed = [...new Set(ancestry.flatMap((a) => [a.child, a.parent]))].filter((id) => !all.has(id));
      for (const e of await this.graph.imports.lookup(unnamed)) all.set(e.id, { ...e });
    }
    for (const { child, parent } of ancestry) {
      const info = all.get(child) ?? { id: child, labels: ['Facility'] };
      info.locatedIn = [...(info.locatedIn ?? []), parent];
      all.set(child, info);
    }
    const entities = new Map(all);
    const hidden = new Map<string, GraphEntityInfo>();
    if (options.clearance !== undefined) {
      const known = new Set(options.knownHidden ?? []);
      for (const { id } of hiddenEntries(all.values(), organizations, options.clearance)) {
        hidden.set(id, all.get(id) as GraphEntityInfo);
        if (!known.has(id)) entities.delete(id);
      }
    }
    return {
      organizations,
      entities,
      hidden,
      organizationId: options.organizationId,
      taken: new Set(taken),
      limitedTo: scope.limited ? scope.ids()! : undefined,
    };
  }
}

/** A prune's blocker as the importing account may hear of it: another organisation stays unnamed. */
function inView(f: ForeignReferences, scope?: OrganizationScope): ForeignReferences {
  if (!scope?.limited || f.organizationId === null || scope.sees(f.organizationId)) return f;
  return { organizationId: 'outside your organisations', relationships: f.relationships, examples: [] };
}

/** The file's entries once more, as row batches, refused if the file changed since it was checked. */
function* rowBatches(
  read: {
    filePath: string;
    file: string;
    stat: fs.Stats;
    head: Record<string, unknown>;
    size: number;
    limits: InputLimits;
  },
  organizationId: string,
  source: string,
) {
  try {
    for (const doc of documentBatches(jsonFileEntries(read.filePath, read.limits), read.head, read.size))
      yield documentToRows(doc as NativeDocument, organizationId, source);
  } catch (e) {
    throw e instanceof JsonEntryError ? changedWhileImported(read.file) : e;
  }
  // What was validated is what was written (the switch or the transaction is still ahead).
  if (!sameFile(fs.statSync(read.filePath), read.stat)) throw changedWhileImported(read.file);
}

const sameFile = (a: fs.Stats, b: fs.Stats) =>
  a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

const changedWhileImported = (file: string) =>
  new DomainError('CONFLICT', `${file} changed while it was imported: nothing was written; import it again.`);
