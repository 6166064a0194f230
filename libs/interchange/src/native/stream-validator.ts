import { NativeDocument, SECTIONS } from '@rampart/domain';
import { GraphRows, documentToRows } from './document-to-rows';
import { ImportContext } from './import-context';
import { ImportIssue, PathSegment, formatPath } from './import-issue';
import { InputLimits, checkValues } from './input-limits';
import { JsonEntry, JsonEntryError, TextPosition } from './json-entries';
import { ParsedFile, locateInText } from './parse-file';
import { cycleIssues, duplicateMessage, referenceIssues } from './reference-checks';
import { schemaIssues, sectionItemSchema } from './schema-issues';
import { resolveOrganization } from './validate-document';

/** What the streaming validator needs: the file (read from its start once per pass) and the graph. */
export interface StreamCheck {
  file: string;
  source: string;
  entries: () => Iterable<JsonEntry>;
  /** The graph's side of the checks for a part of the document (NativeImporter's context). */
  contextFor: (data: Record<string, unknown>) => Promise<ImportContext>;
  limits: InputLimits;
  /** Entries checked against the graph at a time. */
  batchSize?: number;
  /** A valid file's rows, batch by batch in file order, as `documentBatches` gives them to a write. */
  onRows?: (rows: GraphRows) => void;
}

export interface StreamValidation {
  issues: ImportIssue[];
  organizationId?: string;
  entities: number;
  relationships: number;
  /** A valid file's header (its values and short lists) and the ids it defines: what a write needs. */
  head?: Record<string, unknown>;
  defined?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/** Entries per batch, validating and writing alike (one import key for both). */
export const ENTRY_BATCH = 5000;

/** More than this many problems: the rest are not listed (a broken 1M-person file has millions). */
export const MAX_LISTED_ISSUES = 1000;

/** An entry kept to locate a problem inside it. */
interface Held {
  key: string;
  index?: number;
  value: unknown;
  text: string;
  at: TextPosition;
  keyAt?: TextPosition;
}

const SECTION_INDEX = new Map<string, number>(SECTIONS.map((s, i) => [s.key, i]));
const LIST_KEYS = new Set<string>([...SECTION_INDEX.keys(), 'owners']);
/** Entries per section index kept in one number with their position: index * 16 + section. */
const PACK = 16;

class TooManyIssues extends Error {}

/**
 * Validates a JSON organisation file entry by entry, with memory bounded by the batch and the ids
 * the file defines, not by its size; the same checks and messages as validateDocument (which
 * reads a whole document), in two passes: (1) syntax, limits, each entry's schema, the ids it
 * defines and duplicates; (2) per batch, references, ownership and classification against the
 * whole file's ids and the graph. locatedIn cycles are checked once, over all facilities.
 */
export async function validateStream(check: StreamCheck): Promise<StreamValidation> {
  const issues: ImportIssue[] = [];
  const add = (list: ImportIssue[]) => {
    issues.push(...list);
    if (issues.length >= MAX_LISTED_ISSUES) throw new TooManyIssues();
  };
  const result = { issues, entities: 0, relationships: 0 } as StreamValidation;
  let stopped = false;
  try {
    const first = firstPass(check, add);
    if (!first) return result;
    const head = headDocument(first.head, first.lists);
    const headParsed = parsedOf(check.file, head, locator(first.head, new Map()));
    add(schemaIssues(headParsed));
    const org = resolveOrganization(headParsed, await check.contextFor(head));
    if (org.issue) add([org.issue]);
    const orgId = orgIdOf(head);
    if (orgId !== undefined && first.defs.has(orgId)) {
      add([
        at(
          check.file,
          first.head,
          pathOf(first.defs.get(orgId)!),
          duplicateMessage(orgId, ['organization', 'id']),
        ),
      ]);
    }
    if (orgId !== undefined) first.defs.set(orgId, -1);
    const facilities = batchOf(first.facilities);
    const facilityDoc = facilities.doc;
    add(
      cycleIssues(
        parsedOf(check.file, facilityDoc, locator(first.head, facilities.held)),
        await check.contextFor(facilityDoc),
      ).map(facilities.rebase),
    );
    result.organizationId = org.organizationId;
    result.head = head;
    result.defined = first.defs;
    result.entities = first.entities + (orgId !== undefined ? 1 : 0);
    result.relationships = await secondPass(
      check,
      first,
      head,
      org.organizationId,
      add,
      () => !issues.length,
    );
  } catch (e) {
    if (e instanceof TooManyIssues) stopped = true;
    else if (e instanceof JsonEntryError) {
      // As for a whole document: a file that is not JSON gets that one answer.
      issues.length = 0;
      issues.push({
        file: check.file,
        path: '',
        ...e.at,
        message: `not a valid JSON organisation file: ${e.message}`,
      });
    } else throw e;
  }
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  if (stopped) {
    const message = `stopped after ${MAX_LISTED_ISSUES} problems; correct these and validate again`;
    issues.push({ file: check.file, path: '', message });
  }
  if (issues.length) return { issues, entities: 0, relationships: 0 };
  return result;
}

interface FirstPass {
  head: Map<string, Held>;
  /** Lists that are not sections (classificationLevels, unknown keys): their items. */
  lists: Map<string, Held[]>;
  /** Every id a section defines: packed position (index * PACK + section). */
  defs: Map<string, number>;
  facilities: Held[];
  entities: number;
}

function firstPass(check: StreamCheck, add: (list: ImportIssue[]) => void): FirstPass | undefined {
  const head = new Map<string, Held>();
  const lists = new Map<string, Held[]>();
  const defs = new Map<string, number>();
  const facilities: Held[] = [];
  let entities = 0;
  for (const e of check.entries()) {
    if (e.kind === 'value') {
      head.set(e.key, { key: e.key, value: e.value, text: e.text, at: e.at, keyAt: e.keyAt });
    } else if (e.kind === 'list') {
      head.set(e.key, { key: e.key, value: [], text: '[]', at: e.at, keyAt: e.keyAt });
      if (!LIST_KEYS.has(e.key)) lists.set(e.key, []);
    } else if (!LIST_KEYS.has(e.key)) {
      // classificationLevels is short; a list under an unknown key is refused by its key alone.
      if (e.key === 'classificationLevels') lists.get(e.key)!.push({ ...e });
    } else {
      const held: Held = { key: e.key, index: e.index, value: e.value, text: e.text, at: e.at };
      const over = checkValues(e.value, check.limits, [e.key, e.index]);
      if (over) {
        // As for a whole document: the first value over a limit is the one answer.
        add([at(check.file, head, over.path, over.message, held)]);
        return undefined;
      }
      const one = new Map([[e.index, held]]);
      const parsed = parsedOf(check.file, {}, locator(head, new Map([[e.key, one]])));
      add(schemaIssues(parsed, sectionItemSchema(e.key)!, e.value, [e.key, e.index]));
      const section = SECTION_INDEX.get(e.key);
      if (section === undefined) continue;
      entities++;
      if (e.key === 'facilities') facilities.push(held);
      const id = (e.value as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') continue;
      const first = defs.get(id);
      if (first === undefined) defs.set(id, e.index * PACK + section);
      else
        add([
          at(check.file, head, [e.key, e.index, 'id'], duplicateMessage(id, [...pathOf(first), 'id']), held),
        ]);
    }
  }
  return { head, lists, defs, facilities, entities };
}

/**
 * Per batch: the batch's entries with the header as one partial document (lists numbered from 0),
 * its graph context, the reference checks; positions put back to the file's numbering.
 */
async function secondPass(
  check: StreamCheck,
  first: FirstPass,
  head: Record<string, unknown>,
  organizationId: string | undefined,
  add: (list: ImportIssue[]) => void,
  clean: () => boolean,
): Promise<number> {
  const whole = {
    labelsOf: (id: string) => {
      const n = first.defs.get(id);
      return n === undefined ? undefined : n < 0 ? ['Organization'] : SECTIONS[n % PACK].labels;
    },
  };
  const owns = new Set<string>();
  let relationships = 0;
  let pending: Held[] = [];
  let firstBatch = true;
  const count = (doc: Record<string, unknown>) => {
    if (!clean() || !organizationId) return;
    // Counted as the import would write them: an asset's owner and the owners section state one OWNS.
    const rows = documentToRows(doc as NativeDocument, organizationId, check.source);
    check.onRows?.(rows);
    for (const r of rows.relationships) {
      if (r.type !== 'OWNS') relationships++;
      else if (!owns.has(`${r.from}\u0000${r.to}`)) {
        owns.add(`${r.from}\u0000${r.to}`);
        relationships++;
      }
    }
  };
  // One batch's graph reads run while the next batch is read from the file.
  let previous: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = batchOf(pending);
    pending = [];
    const doc = { ...partialHead(head, firstBatch), ...batch.doc };
    firstBatch = false;
    const parsed = parsedOf(check.file, doc, locator(first.head, batch.held));
    const context = check.contextFor(doc);
    await previous;
    previous = context.then((ctx) => {
      add(referenceIssues(parsed, ctx, organizationId, whole).map(batch.rebase));
      count(doc);
    });
    previous.catch(() => undefined); // awaited with the next batch or at the end
  };
  for (const e of check.entries()) {
    if (e.kind !== 'item' || !LIST_KEYS.has(e.key)) continue;
    pending.push({ key: e.key, index: e.index, value: e.value, text: e.text, at: e.at });
    if (pending.length >= (check.batchSize ?? ENTRY_BATCH)) await flush();
  }
  await flush();
  await previous;
  return relationships;
}

/**
 * What each batch's partial document takes from the header: the levels (classification checks),
 * and with the first batch the organisation (its own checks, and its row once).
 */
function partialHead(head: Record<string, unknown>, first: boolean): Record<string, unknown> {
  const doc: Record<string, unknown> = { classificationLevels: head.classificationLevels };
  if (first && head.organization !== undefined) doc.organization = head.organization;
  return doc;
}

/**
 * A valid file's sections as partial documents of `size` entries, in file order, as the second
 * pass checked (and counted, and hashed for the import record) them: a write's batches.
 */
export function* documentBatches(
  entries: Iterable<JsonEntry>,
  head: Record<string, unknown>,
  size = ENTRY_BATCH,
): Generator<Record<string, unknown>> {
  let doc = partialHead(head, true);
  let n = 0;
  for (const e of entries) {
    if (e.kind !== 'item' || !LIST_KEYS.has(e.key)) continue;
    ((doc[e.key] ??= []) as unknown[]).push(e.value);
    if (++n < size) continue;
    yield doc;
    doc = partialHead(head, false);
    n = 0;
  }
  yield doc;
}

/** Entries as a dense partial document, how to find each, and how to number its issues as in the file. */
function batchOf(entries: Held[]) {
  const doc: Record<string, unknown[]> = {};
  const held = new Map<string, Map<number, Held>>();
  const base = new Map<string, number>();
  for (const e of entries) {
    (doc[e.key] ??= []).push(e.value);
    if (!base.has(e.key)) base.set(e.key, e.index!);
    if (!held.has(e.key)) held.set(e.key, new Map());
    held.get(e.key)!.set(doc[e.key].length - 1, e);
  }
  const rebase = (issue: ImportIssue): ImportIssue => {
    const m = /^([A-Za-z]+)\[(\d+)\]/.exec(issue.path);
    if (!m || !base.has(m[1])) return issue;
    return { ...issue, path: `${m[1]}[${base.get(m[1])! + Number(m[2])}]${issue.path.slice(m[0].length)}` };
  };
  return { doc, held, rebase };
}

/** The header of the file as a document: its values, its short lists, sections as empty lists. */
function headDocument(head: Map<string, Held>, lists: Map<string, Held[]>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const [key, h] of head) {
    const value = lists.has(key) ? lists.get(key)!.map((i) => i.value) : h.value;
    // A key "__proto__" is a key like any other (as JSON.parse reads it), refused as unknown.
    Object.defineProperty(doc, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return doc;
}

const orgIdOf = (head: Record<string, unknown>) => {
  const id = (head.organization as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
};

const pathOf = (packed: number): PathSegment[] => [SECTIONS[packed % PACK].key, Math.floor(packed / PACK)];

/** Where a path of a partial document is in the file: in one of its entries (`key[i]...`), else in a header value. */
function locator(head: Map<string, Held>, held: Map<string, Map<number, Held>>) {
  return (path: readonly PathSegment[], key?: string): TextPosition | undefined => {
    const [name, index] = path;
    const entry = typeof index === 'number' ? held.get(String(name))?.get(index) : undefined;
    if (entry) return inside(entry, path.slice(2), key);
    const value = head.get(String(name));
    if (value) return inside(value, path.slice(1), key);
    if (!path.length && key !== undefined) return head.get(key)?.keyAt;
    return undefined;
  };
}

function inside(h: Held, path: readonly PathSegment[], key?: string): TextPosition {
  if (!path.length && key === undefined) return h.at;
  const rel = locateInText(h.text, path, key);
  if (!rel) return h.at;
  return rel.line === 1
    ? { line: h.at.line, column: h.at.column + rel.column - 1 }
    : { line: h.at.line + rel.line - 1, column: rel.column };
}

function parsedOf(file: string, data: unknown, locate: ParsedFile['locate']): ParsedFile {
  return { file, format: 'json', data, issues: [], locate };
}

function at(
  file: string,
  head: Map<string, Held>,
  path: PathSegment[],
  message: string,
  entry?: Held,
): ImportIssue {
  const where = entry ? inside(entry, path.slice(2)) : locator(head, new Map())(path);
  return { file, path: formatPath(path), ...where, message };
}
