import {
  DomainError,
  ENTITY_KINDS,
  EntityKind,
  EntityKindSpec,
  NATIVE_FORMAT,
  OrganizationScope,
  SECTIONS,
  SectionSpec,
  entityKindOf,
} from '@rampart/domain';
import { EntityRecord, GraphContext, StatedTypes } from '@rampart/graph';
import { sectionFor, toNativeDocument } from '../export/native-export';
import { aboveClearanceError, hiddenEntries, isAboveClearanceError } from '../native/clearance-check';
import { ImportReport, NativeImporter } from '../native/native-importer';
import { ParsedFile } from '../native/parse-file';
import { referencedIds } from '../native/reference-checks';
import { findStatement, linkItem, unlinkItem, LinkRequest } from './link-item';

type Item = Record<string, unknown>;
type Doc = Item & { owners?: { person: string; assets: string[] }[] };

export interface EditOptions {
  /**
   * The editing user's clearance: when present (even null), an edit that would set a
   * classification above it, or touch an entity classified above it, is refused (FORBIDDEN).
   * Absent: no check (callers with full rights).
   */
  clearance?: string | null;
  /** The editing account's organisations: an entity of any other is absent (NOT_FOUND). */
  organizations?: OrganizationScope;
}

export interface CreateOptions extends EditOptions {
  organizationId?: string;
  /** Where the entity came from, as for imports (default `api`). */
  source?: string;
}

export interface EditResult {
  entity: EntityRecord;
  /** The import report of the edit (counts of what changed). */
  report: ImportReport;
}

export const EDIT_SOURCE = 'api';

/**
 * API edits (create, update, delete, link, unlink) as small native documents: the entity's item
 * is rebuilt from the graph, changed, and imported through the same validation and the same
 * write path as a file, so an edit can never store what an import would refuse.
 */
export class EntityEditor {
  constructor(
    private readonly graph: GraphContext,
    private readonly importer: NativeImporter,
  ) {}

  async create(kind: EntityKind, input: Item, opts: CreateOptions = {}): Promise<EditResult> {
    const spec: EntityKindSpec = ENTITY_KINDS[kind];
    if (!spec.section) {
      throw new DomainError(
        'VALIDATION_FAILED',
        kind === 'ASSET'
          ? 'ASSET lists every asset: create a PERSON, FACILITY, SYSTEM, INFORMATION or PLAIN_ASSET.'
          : `${kind} entries come from catalogue imports (STIX), not edits.`,
      );
    }
    const id = typeof input.id === 'string' ? input.id : undefined;
    if (id && (await this.graph.entities.get([id])).size) {
      throw new DomainError('CONFLICT', `An entity with the id ${id} already exists; update it instead.`);
    }
    const section = SECTIONS.find((s) => s.key === spec.section) as SectionSpec;
    return this.apply({ format: NATIVE_FORMAT, [section.key]: [input] }, section, String(id), {
      organizationId: opts.organizationId,
      source: opts.source ?? EDIT_SOURCE,
      clearance: opts.clearance,
      organizations: opts.organizations,
    });
  }

  /** Sets the given keys of the entity's item and removes the `unset` ones; the rest stays. */
  async update(id: string, set: Item, unset: string[] = [], opts: EditOptions = {}): Promise<EditResult> {
    if ('id' in set && set.id !== id) {
      throw new DomainError('VALIDATION_FAILED', 'An entity keeps its id; create a new one instead.');
    }
    const { doc, item, section, record } = await this.load(id, opts.organizations);
    const stated = [...referencedIds(doc)];
    for (const key of unset) delete item[key];
    Object.assign(item, set);
    const owner = { ...this.ownerOf(record), clearance: opts.clearance, organizations: opts.organizations };
    return this.apply(doc, section, id, owner, stated);
  }

  link(req: LinkRequest, opts: EditOptions = {}): Promise<EditResult> {
    return this.relate(req, linkItem, opts);
  }

  unlink(req: LinkRequest, opts: EditOptions = {}): Promise<EditResult> {
    return this.relate(req, unlinkItem, opts);
  }

  /** A relationship edit is an edit of the item that states it (the section table decides which). */
  private async relate(req: LinkRequest, change: typeof linkItem, opts: EditOptions): Promise<EditResult> {
    const statement = findStatement(req, await this.visible([req.from, req.to], opts));
    const { doc, item, section, record } = await this.load(statement.itemId, opts.organizations);
    const stated = [...referencedIds(doc)];
    change(doc, item, statement, req);
    const owner = { ...this.ownerOf(record), clearance: opts.clearance, organizations: opts.organizations };
    return this.apply(doc, section, statement.itemId, owner, stated);
  }

  /**
   * Need-to-know: entities above the clearance, or of an organisation out of the account's view,
   * are left out, so they answer as ids that do not exist.
   */
  private async visible(ids: string[], opts: EditOptions): Promise<Map<string, EntityRecord>> {
    const found = this.inScope(await this.graph.entities.get(ids), opts.organizations);
    if (opts.clearance === undefined) return found;
    for (const id of await this.hiddenAmong(found, opts.clearance)) found.delete(id);
    return found;
  }

  private inScope(found: Map<string, EntityRecord>, scope?: OrganizationScope): Map<string, EntityRecord> {
    for (const [id, e] of found)
      if (scope && !scope.includes(e.props.organizationId as string | undefined)) found.delete(id);
    return found;
  }

  /** The ids among these stored entities that are above the clearance (by their organisation's levels). */
  private async hiddenAmong(
    found: Map<string, EntityRecord>,
    clearance: string | null,
  ): Promise<Set<string>> {
    const str = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
    const infos = [...found.values()].map((e) => ({
      id: e.id,
      labels: e.labels,
      organizationId: str(e.props.organizationId),
      classification: str(e.props.classification),
    }));
    if (!infos.some((e) => e.classification !== undefined)) return new Set();
    const orgs = (await this.graph.organizations.list()).map((o) => ({
      id: o.id,
      classificationLevels: o.classificationLevels,
    }));
    return new Set(hiddenEntries(infos, orgs, clearance).map((h) => h.id));
  }

  /** Both ends of a relationship as stored now (after an edit). */
  async ends(from: string, to: string): Promise<{ from: EntityRecord; to: EntityRecord }> {
    const found = await this.graph.entities.get([from, to]);
    const get = (id: string) => {
      const e = found.get(id);
      if (!e) throw new DomainError('NOT_FOUND', `No entity has the id ${id}.`);
      return e;
    };
    return { from: get(from), to: get(to) };
  }

  async delete(id: string, opts: EditOptions = {}): Promise<{ relationships: number }> {
    const found = this.inScope(await this.graph.entities.get([id]), opts.organizations);
    if (!found.has(id)) throw new DomainError('NOT_FOUND', `No entity has the id ${id}.`);
    // A delete is a prune of one, and removes every relationship of the entity: refused when the
    // entity, or a node at the other end of one of its relationships, is above the clearance
    // (that node would change too), as an update of the same entity is.
    if (opts.clearance !== undefined) {
      const related = (await this.graph.entities.relationships([id], { limit: 100_000 })).get(id) ?? [];
      for (const r of related) found.set(r.other.id, r.other);
      if ((await this.hiddenAmong(found, opts.clearance)).size) {
        throw aboveClearanceError(1, opts.clearance, 'edit');
      }
    }
    return this.graph.entities.delete(id);
  }

  /** The entity's native item, inside a document that also carries its extra owners. */
  private async load(
    id: string,
    scope?: OrganizationScope,
  ): Promise<{ doc: Doc; item: Item; section: SectionSpec; record: EntityRecord }> {
    const snapshot = await this.graph.entities.snapshot([id]);
    const entity = snapshot.entities[0];
    if (!entity || (scope && !scope.includes(entity.props.organizationId as string | undefined)))
      throw new DomainError('NOT_FOUND', `No entity has the id ${id}.`);
    const section = sectionFor(entity.labels);
    const kind = entityKindOf(entity.labels);
    if (!section || !kind || !(ENTITY_KINDS[kind] as EntityKindSpec).section) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `${id} is a ${entity.labels.join('/')}: edit it by importing its file.`,
      );
    }
    const full = toNativeDocument(snapshot) as Doc;
    const item = (full[section.key] as Item[])[0];
    const doc: Doc = { format: NATIVE_FORMAT, [section.key]: [item] };
    if (full.owners) doc.owners = full.owners;
    return { doc, item, section, record: { id, labels: entity.labels, props: entity.props } };
  }

  private ownerOf(record: EntityRecord): CreateOptions {
    return {
      organizationId: record.props.organizationId as string | undefined,
      source: (record.props.source as string | undefined) ?? EDIT_SOURCE,
    };
  }

  /** `stated`: what the item referred to as stored (hidden ones among them stay, see ImportOptions). */
  private async apply(
    doc: Doc,
    section: SectionSpec,
    id: string,
    opts: CreateOptions,
    stated: string[] = [],
  ): Promise<EditResult> {
    const parsed: ParsedFile = {
      file: 'input',
      format: 'json',
      data: doc,
      issues: [],
      locate: () => undefined,
    };
    const report = await this.importer
      .importParsed(parsed, {
        organizationId: opts.organizationId,
        source: opts.source,
        stated: [statedTypes(id, section)],
        clearance: opts.clearance,
        organizations: opts.organizations,
        knownHidden: stated,
      })
      .catch((e: unknown) => {
        // The importer words it for a file; an edit is one entry.
        throw isAboveClearanceError(e) ? aboveClearanceError(1, opts.clearance ?? null, 'edit') : e;
      });
    if (!report.ok) {
      // Issue paths name the edit's input; "this file" is the edit itself.
      const issues = report.issues.map((i) => ({
        path: editPath(i.path, section),
        message: i.message.replace('in this file or in the graph', 'in the graph'),
      }));
      throw new DomainError(
        'VALIDATION_FAILED',
        `The edit was refused: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`,
        { issues },
      );
    }
    const entity = (await this.graph.entities.get([id])).get(id);
    if (!entity) throw new DomainError('INTERNAL', `${id} was written but cannot be read back.`);
    return { entity, report };
  }
}

/** What an item of a section states: its reference keys, plus roles and access for people. */
export function statedTypes(id: string, section: SectionSpec): StatedTypes {
  const outTypes = section.refs.filter((r) => r.dir === 'out').map((r) => r.type as string);
  if (section.key === 'people') outTypes.push('HOLDS_ROLE', 'HAS_ACCESS');
  return { id, outTypes, inTypes: section.refs.filter((r) => r.dir === 'in').map((r) => r.type) };
}

/** `people[0].access[1].to` -> `input.access[1].to`: the edit's own item, whatever its section. */
function editPath(path: string, section: SectionSpec): string {
  const prefix = `${section.key}[0]`;
  return path.startsWith(prefix) ? `input${path.slice(prefix.length)}` : path;
}
