import {
  ACCESS_KEY,
  ACCESS_TARGETS,
  DomainError,
  ROLES_KEY,
  ReferenceSpec,
  SECTIONS,
  SectionSpec,
} from '@rampart/domain';
import { EntityRecord } from '@rampart/graph';
import { sectionFor } from '../export/native-export';

type Item = Record<string, unknown>;
type Doc = Item & { owners?: { person: string; assets: string[] }[] };

/** A relationship to add or remove, with the properties HAS_ACCESS and HOLDS_ROLE carry. */
export interface LinkRequest {
  from: string;
  type: string;
  to: string;
  mode?: string;
  justification?: string;
  since?: string;
  until?: string;
  role?: string;
}

/** Which entity's item states the relationship, and under which key. */
export interface Statement {
  itemId: string;
  otherId: string;
  section: SectionSpec;
  /** The section reference; absent for access and roles. */
  ref?: ReferenceSpec;
  key: string;
}

const describe = (e: EntityRecord) => `${e.id} (${e.labels.join(', ')})`;

/** Finds the side that states a relationship in the native format (the section table decides). */
export function findStatement(req: LinkRequest, ends: Map<string, EntityRecord>): Statement {
  const from = ends.get(req.from);
  const to = ends.get(req.to);
  if (!from) throw new DomainError('NOT_FOUND', `No entity has the id ${req.from}.`);
  if (!to) throw new DomainError('NOT_FOUND', `No entity has the id ${req.to}.`);
  const fromSection = sectionFor(from.labels);
  const toSection = sectionFor(to.labels);
  const has = (e: EntityRecord, labels: readonly string[]) => labels.some((l) => e.labels.includes(l));
  const people = SECTIONS.find((s) => s.key === 'people') as SectionSpec;
  if (req.type === 'HAS_ACCESS' && fromSection === people && has(to, ACCESS_TARGETS)) {
    return { itemId: from.id, otherId: to.id, section: people, key: ACCESS_KEY };
  }
  if (req.type === 'HOLDS_ROLE' && fromSection === people && to.labels.includes('Organization')) {
    return { itemId: from.id, otherId: to.id, section: people, key: ROLES_KEY };
  }
  for (const section of SECTIONS) {
    for (const ref of section.refs.filter((r) => r.type === req.type)) {
      const [item, other] = ref.dir === 'out' ? [from, to] : [to, from];
      const itemSection = ref.dir === 'out' ? fromSection : toSection;
      if (itemSection === section && has(other, ref.targets)) {
        return { itemId: item.id, otherId: other.id, section, ref, key: ref.key };
      }
    }
  }
  throw new DomainError(
    'VALIDATION_FAILED',
    `A ${req.type} relationship cannot go from ${describe(from)} to ${describe(to)} (docs/spec/analytics.md §1).`,
  );
}

const asList = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
const clean = (m: Item) =>
  Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && v !== null));

/** Adds the relationship to the stating item (a no-op when it is already there). */
export function linkItem(doc: Doc, item: Item, st: Statement, req: LinkRequest): void {
  if (st.key === ACCESS_KEY) {
    if (!req.mode) throw new DomainError('VALIDATION_FAILED', 'HAS_ACCESS needs a mode.');
    const access = ((item.access as Item[] | undefined) ?? []).filter(
      (a) => !(a.to === st.otherId && a.mode === req.mode),
    );
    const { justification, since, until } = req;
    item.access = [...access, clean({ to: st.otherId, mode: req.mode, justification, since, until })];
    return;
  }
  if (st.key === ROLES_KEY) {
    if (!req.role) throw new DomainError('VALIDATION_FAILED', 'HOLDS_ROLE needs a role.');
    item.roles = [...new Set([...asList(item.roles), String(req.role)])];
    return;
  }
  const ref = st.ref as ReferenceSpec;
  const current = asList(item[st.key]);
  if (current.includes(st.otherId)) return;
  if (ref.shape !== 'one') {
    item[st.key] = [...current, st.otherId];
  } else if (!current.length) {
    item[st.key] = st.otherId;
  } else if (ref.type === 'OWNS') {
    // A second owner cannot sit in `owner`: it goes to the owners section, as in the file format.
    const owners = doc.owners ?? [];
    if (!owners.some((o) => o.person === st.otherId && o.assets.includes(st.itemId))) {
      owners.push({ person: st.otherId, assets: [st.itemId] });
    }
    doc.owners = owners;
  } else {
    throw new DomainError(
      'CONFLICT',
      `${st.itemId} already has ${st.key} ${current[0]}; update ${st.itemId} to change it.`,
    );
  }
}

/** Removes the relationship from the stating item; NOT_FOUND when it is not there. */
export function unlinkItem(doc: Doc, item: Item, st: Statement, req: LinkRequest): void {
  const missing = () =>
    new DomainError('NOT_FOUND', `${req.from} has no ${req.type} relationship to ${req.to}.`);
  if (st.key === ACCESS_KEY) {
    const access = (item.access as Item[] | undefined) ?? [];
    const kept = access.filter((a) => !(a.to === st.otherId && (!req.mode || a.mode === req.mode)));
    if (kept.length === access.length) throw missing();
    if (kept.length) item.access = kept;
    else delete item.access;
    return;
  }
  if (st.key === ROLES_KEY) {
    const roles = asList(item.roles);
    const kept = req.role ? roles.filter((r) => r !== req.role) : [];
    if (kept.length === roles.length) throw missing();
    if (kept.length) item.roles = kept;
    else delete item.roles;
    return;
  }
  const current = asList(item[st.key]);
  if (current.includes(st.otherId)) {
    const kept = current.filter((id) => id !== st.otherId);
    if (!kept.length) delete item[st.key];
    else item[st.key] = (st.ref as ReferenceSpec).shape === 'one' ? kept[0] : kept;
    return;
  }
  const owners = doc.owners ?? [];
  const entry = owners.find((o) => o.person === st.otherId && o.assets.includes(st.itemId));
  if (st.ref?.type !== 'OWNS' || !entry) throw missing();
  entry.assets = entry.assets.filter((a) => a !== st.itemId);
  doc.owners = owners.filter((o) => o.assets.length);
  if (!doc.owners.length) delete doc.owners;
}
