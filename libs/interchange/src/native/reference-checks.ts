import { ACCESS_TARGETS, DEFAULT_CLASSIFICATION_LEVELS, EntityLabel, SECTIONS } from '@rampart/domain';
import { GraphEntityInfo, ImportContext } from './import-context';
import { ImportIssue, PathSegment, formatPath } from './import-issue';
import { ParsedFile } from './parse-file';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const items = (v: unknown): [Obj, number][] =>
  Array.isArray(v)
    ? v.map((x, i) => [x, i] as [unknown, number]).filter((p): p is [Obj, number] => isObj(p[0]))
    : [];
const ids = (v: unknown): [string, PathSegment | undefined][] =>
  typeof v === 'string'
    ? [[v, undefined]]
    : Array.isArray(v)
      ? v.flatMap((x, i) => (typeof x === 'string' ? [[x, i] as [string, number]] : []))
      : [];

export interface Definition {
  labels: readonly string[];
  path: PathSegment[];
}

/** Every id defined in the file, with its labels; used for references and duplicate checks. */
export function definitionsOf(data: unknown): Map<string, Definition[]> {
  const defs = new Map<string, Definition[]>();
  const add = (id: unknown, labels: readonly string[], path: PathSegment[]) => {
    if (typeof id === 'string') defs.set(id, [...(defs.get(id) ?? []), { labels, path }]);
  };
  if (!isObj(data)) return defs;
  if (isObj(data.organization)) add(data.organization.id, ['Organization'], ['organization', 'id']);
  for (const section of SECTIONS)
    for (const [item, i] of items(data[section.key])) add(item.id, section.labels, [section.key, i, 'id']);
  return defs;
}

/** Every id the file refers to (for the graph lookup before validation). */
export function referencedIds(data: unknown): Set<string> {
  const out = new Set<string>();
  if (!isObj(data)) return out;
  for (const section of SECTIONS) {
    for (const [item] of items(data[section.key])) {
      for (const ref of section.refs) for (const [id] of ids(item[ref.key])) out.add(id);
      for (const [access] of items(item.access)) if (typeof access.to === 'string') out.add(access.to);
    }
  }
  for (const [o] of items(data.owners)) {
    for (const [id] of ids(o.person)) out.add(id);
    for (const [id] of ids(o.assets)) out.add(id);
  }
  return out;
}

/**
 * Checks that need the whole file and the graph: unique ids, references that resolve to an entity
 * of the right kind, ids owned by another organisation, classification levels, locatedIn cycles.
 */
export function referenceIssues(
  parsed: ParsedFile,
  ctx: ImportContext,
  organizationId: string | undefined,
  whole?: WholeFile,
): ImportIssue[] {
  const data = parsed.data;
  if (!isObj(data)) return [];
  const issues: ImportIssue[] = [];
  const at = (path: PathSegment[], message: string) =>
    issues.push({ file: parsed.file, path: formatPath(path), ...parsed.locate(path), message });
  const defs = definitionsOf(data);
  if (!whole) issues.push(...duplicateIssues(parsed, defs));

  for (const [id, list] of defs) {
    const existing = ctx.entities.get(id);
    const owner = existing && ownerMismatch(existing, organizationId);
    if (ctx.taken?.has(id)) {
      at(list[0].path, `id "${id}" is already used in the graph; ids are unique across the whole graph`);
    } else if (owner) {
      at(list[0].path, `id "${id}" ${owner}; ids are unique across the whole graph`);
    } else if (existing && !list[0].labels.every((l) => existing.labels.includes(l))) {
      at(
        list[0].path,
        `id "${id}" is already a ${describe(existing.labels)} in the graph, not a ${describe(list[0].labels)}`,
      );
    }
  }

  const inFile = (id: string): readonly string[] | undefined =>
    whole ? whole.labelsOf(id) : defs.get(id)?.[0].labels;
  const labelsOf = (id: string): readonly string[] | undefined => inFile(id) ?? ctx.entities.get(id)?.labels;
  const checkRef = (id: string, path: PathSegment[], targets: readonly EntityLabel[], what: string) => {
    const labels = labelsOf(id);
    if (!labels) at(path, `"${id}" is not defined in this file or in the graph`);
    else if (!targets.some((t) => labels.includes(t)))
      at(path, `"${id}" is a ${describe(labels)}; ${what} must name ${targets.map(article).join(' or ')}`);
  };

  for (const section of SECTIONS) {
    for (const [item, i] of items(data[section.key])) {
      for (const ref of section.refs) {
        for (const [id, j] of ids(item[ref.key])) {
          checkRef(
            id,
            j === undefined ? [section.key, i, ref.key] : [section.key, i, ref.key, j],
            ref.targets,
            ref.key,
          );
        }
      }
      for (const [access, j] of items(item.access)) {
        if (typeof access.to === 'string')
          checkRef(access.to, [section.key, i, 'access', j, 'to'], ACCESS_TARGETS, 'access.to');
      }
    }
  }
  for (const [o, i] of items(data.owners)) {
    for (const [id] of ids(o.person)) checkRef(id, ['owners', i, 'person'], ['Person'], 'person');
    for (const [id, j] of ids(o.assets)) {
      checkRef(id, ['owners', i, 'assets', j!], ['Asset'], 'assets');
      // An asset's owners are stated by its own organisation (the relationship is the asset's).
      const stored = inFile(id) ? undefined : ctx.entities.get(id);
      const owner = stored && ownerMismatch(stored, organizationId);
      if (owner)
        at(
          ['owners', i, 'assets', j!],
          `"${id}" ${owner}: its owners are stated by that organisation's files`,
        );
    }
  }

  issues.push(...classificationIssues(parsed, ctx, organizationId));
  if (!whole) issues.push(...cycleIssues(parsed, ctx));
  return issues;
}

/**
 * What a file read in batches (the streaming validator) knows of all of it while it checks one
 * batch: the labels of every id it defines. Duplicates and locatedIn cycles need the whole file
 * and are checked once, not per batch.
 */
export interface WholeFile {
  labelsOf(id: string): readonly string[] | undefined;
}

/** An id defined twice in a file. */
export function duplicateIssues(parsed: ParsedFile, defs: Map<string, Definition[]>): ImportIssue[] {
  const issues: ImportIssue[] = [];
  for (const [id, list] of defs) {
    for (const dup of list.slice(1)) {
      issues.push({
        file: parsed.file,
        path: formatPath(dup.path),
        ...parsed.locate(dup.path),
        message: duplicateMessage(id, list[0].path),
      });
    }
  }
  return issues;
}

export const duplicateMessage = (id: string, first: readonly PathSegment[]) =>
  `duplicate id "${id}": already defined at ${formatPath(first)}`;

function classificationIssues(
  parsed: ParsedFile,
  ctx: ImportContext,
  organizationId: string | undefined,
): ImportIssue[] {
  const data = parsed.data as Obj;
  const levels =
    (Array.isArray(data.classificationLevels) ? (data.classificationLevels as string[]) : undefined) ??
    ctx.organizations.find((o) => o.id === organizationId)?.classificationLevels ??
    DEFAULT_CLASSIFICATION_LEVELS;
  const issues: ImportIssue[] = [];
  const check = (value: unknown, path: PathSegment[]) => {
    if (typeof value === 'string' && !levels.includes(value)) {
      issues.push({
        file: parsed.file,
        path: formatPath(path),
        ...parsed.locate(path),
        message: `"${value}" is not a classification level (${levels.join(', ')})`,
      });
    }
  };
  if (isObj(data.organization)) {
    check(data.organization.classification, ['organization', 'classification']);
    if (isObj(data.organization.vettingIntervalDays)) {
      for (const k of Object.keys(data.organization.vettingIntervalDays)) {
        if (!levels.includes(k)) {
          const path = ['organization', 'vettingIntervalDays'];
          issues.push({
            file: parsed.file,
            path: formatPath([...path, k]),
            ...parsed.locate(path, k),
            message: `"${k}" is not a classification level (${levels.join(', ')})`,
          });
        }
      }
    }
  }
  for (const section of SECTIONS) {
    for (const [item, i] of items(data[section.key])) {
      for (const key of ['classification', 'clearance', 'maxClassification'])
        check(item[key], [section.key, i, key]);
    }
  }
  return issues;
}

/** locatedIn must form a tree: follow parents through the file and the graph. */
export function cycleIssues(parsed: ParsedFile, ctx: ImportContext): ImportIssue[] {
  const data = parsed.data as Obj;
  const parents = new Map<string, string[]>();
  const hidden = ctx.hidden ?? new Map<string, GraphEntityInfo>();
  // Cycles through hidden facilities are still refused (the tree stays a tree), without their ids.
  for (const [id, info] of [...hidden, ...ctx.entities])
    if (info.locatedIn?.length) parents.set(id, info.locatedIn);
  const facilities = items(data.facilities);
  const inFile = new Set(facilities.map(([f]) => f.id));
  // The file's own link to a hidden id is refused as unknown; following it would tell otherwise.
  const resolves = (id: string) => !hidden.has(id) || ctx.entities.has(id) || inFile.has(id);
  for (const [f] of facilities)
    if (typeof f.id === 'string')
      parents.set(f.id, typeof f.locatedIn === 'string' && resolves(f.locatedIn) ? [f.locatedIn] : []);
  const name = (id: string) => (hidden.has(id) && !inFile.has(id) ? 'an entry above your clearance' : id);
  const issues: ImportIssue[] = [];
  for (const [f, i] of facilities) {
    if (typeof f.id !== 'string' || typeof f.locatedIn !== 'string' || !resolves(f.locatedIn)) continue;
    const seen = [f.id];
    let frontier = [f.locatedIn];
    while (frontier.length && seen.length < 10_000) {
      if (frontier.includes(f.id)) {
        const path: PathSegment[] = ['facilities', i, 'locatedIn'];
        issues.push({
          file: parsed.file,
          path: formatPath(path),
          ...parsed.locate(path),
          message: `locatedIn makes a cycle: ${[...seen, f.id].map(name).join(' -> ')}`,
        });
        break;
      }
      seen.push(frontier[0]);
      frontier = frontier.flatMap((p) => parents.get(p) ?? []);
    }
  }
  return issues;
}

/**
 * Why an organisation's file may not define (or state the owners of) a stored entity: it belongs
 * to another organisation, or to the threat library shared by all. Undefined when it may.
 */
function ownerMismatch(stored: GraphEntityInfo, organizationId: string | undefined): string | undefined {
  if (!organizationId || stored.organizationId === organizationId) return undefined;
  return stored.organizationId
    ? `already belongs to organisation "${stored.organizationId}"`
    : 'belongs to the threat library shared by every organisation (import it with its STIX bundle)';
}

const describe = (labels: readonly string[]) =>
  labels.filter((l) => l !== 'Asset' && l !== 'Entity')[0] ?? labels[0] ?? 'entity';
const article = (label: string) => (/^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`);

export type { GraphEntityInfo };
