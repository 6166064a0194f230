import { ExportEntity, ExportRelationship, GraphSnapshot } from '@rampart/graph';
import {
  FLATTENED,
  NATIVE_FORMAT,
  ReferenceSpec,
  SECTIONS,
  SYSTEM_PROPERTIES,
  SectionSpec,
} from '@rampart/domain';

type Item = Record<string, unknown>;

const HIDDEN = new Set<string>([...SYSTEM_PROPERTIES, 'classificationLevels']);
const FLAT_NAMES = new Map<string, [string, string]>(
  Object.entries(FLATTENED).flatMap(([group, names]) =>
    Object.entries(names).map(([sub, flat]) => [flat, [group, sub]] as [string, [string, string]]),
  ),
);

/** The section an entity belongs in: its most specific label decides; plain assets last. */
export function sectionFor(labels: readonly string[]): SectionSpec | undefined {
  return SECTIONS.find((s) =>
    s.key === 'assets' ? labels.length === 1 && labels[0] === 'Asset' : labels.includes(s.labels[0]),
  );
}

/** Stored properties back to the file's shape: nested maps rebuilt, Rampart's own fields dropped. */
function unflatten(props: Item): Item {
  const out: Item = {};
  for (const key of Object.keys(props).sort()) {
    const value = props[key];
    if (HIDDEN.has(key) || value === null || value === undefined) continue;
    const nested = FLAT_NAMES.get(key);
    if (nested) {
      const [group, sub] = nested;
      out[group] = { ...((out[group] as Item | undefined) ?? {}), [sub]: value };
    } else if (key === 'vettingIntervalDays' && typeof value === 'string') {
      out[key] = JSON.parse(value);
    } else out[key] = value;
  }
  for (const group of Object.keys(FLATTENED)) if (out[group]) out[group] = orderedImpact(out[group] as Item);
  return out;
}

const orderedImpact = (m: Item): Item => {
  const order = [
    'confidentiality',
    'integrity',
    'availability',
    'timeSeconds',
    'stdDevSeconds',
    'communicationProbability',
  ];
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
};

/** id and name first, then the rest in key order: stable, readable output. */
const ordered = (item: Item): Item => {
  const { id, name, ...rest } = item;
  return { id, ...(name === undefined ? {} : { name }), ...rest };
};

/**
 * Rebuilds the native document (docs/spec/import-format.md) of one organisation from a snapshot. Every
 * relationship is written on the side the format defines it (the section table), so importing the
 * result reproduces the same graph, and exporting again gives the same document.
 */
export function toNativeDocument(snapshot: GraphSnapshot): Item {
  const exported = new Set(snapshot.entities.map((e) => String(e.props.id)));
  const byKey = indexRelationships(snapshot.relationships);
  const doc: Item = { format: NATIVE_FORMAT };
  const org = snapshot.entities.find((e) => e.labels.includes('Organization'));
  if (org) {
    doc.organization = ordered({ id: org.props.id, ...unflatten(org.props) });
    if (Array.isArray(org.props.classificationLevels))
      doc.classificationLevels = org.props.classificationLevels;
  }
  const owners = new Map<string, string[]>();
  for (const section of SECTIONS) {
    const items = snapshot.entities
      .filter((e) => sectionFor(e.labels) === section)
      .map((e) =>
        ordered({ id: e.props.id, ...unflatten(e.props), ...references(e, section, byKey, owners) }),
      );
    if (items.length) doc[section.key] = items;
  }
  const ownerRows = [...owners.entries()]
    .map(([person, assets]) => ({ person, assets: assets.filter((a) => exported.has(a)).sort() }))
    .filter((o) => o.assets.length)
    .sort((a, b) => a.person.localeCompare(b.person));
  if (ownerRows.length) {
    // `owners` goes where docs/spec/import-format.md puts it: after assets, before controls.
    const { controls, threats, risks, ...head } = doc;
    return {
      ...head,
      owners: ownerRows,
      ...(controls ? { controls } : {}),
      ...(threats ? { threats } : {}),
      ...(risks ? { risks } : {}),
    };
  }
  return doc;
}

type RelIndex = Map<string, ExportRelationship[]>;
const relKey = (type: string, dir: 'out' | 'in', id: string) => `${type}|${dir}|${id}`;

function indexRelationships(rels: ExportRelationship[]): RelIndex {
  const index: RelIndex = new Map();
  const add = (k: string, r: ExportRelationship) => index.set(k, [...(index.get(k) ?? []), r]);
  for (const r of rels) {
    add(relKey(r.type, 'out', r.from), r);
    add(relKey(r.type, 'in', r.to), r);
  }
  return index;
}

function references(
  e: ExportEntity,
  section: SectionSpec,
  index: RelIndex,
  owners: Map<string, string[]>,
): Item {
  const id = String(e.props.id);
  const out: Item = {};
  const rels = (type: string, dir: 'out' | 'in') => index.get(relKey(type, dir, id)) ?? [];
  for (const ref of section.refs) {
    const ids = rels(ref.type, ref.dir)
      .map((r) => (ref.dir === 'out' ? r.to : r.from))
      .sort();
    if (!ids.length) continue;
    if (ref.type === 'OWNS' && ids.length > 1) {
      // Several owners cannot sit in `owner`: they go to the owners section.
      for (const person of ids) owners.set(person, [...(owners.get(person) ?? []), id]);
      continue;
    }
    out[ref.key] = shape(ref, ids);
  }
  if (section.key === 'people') {
    const roles = rels('HOLDS_ROLE', 'out')
      .map((r) => String(r.props.role))
      .sort();
    if (roles.length) out.roles = roles;
    const access = rels('HAS_ACCESS', 'out').map((r) => {
      const { key: _key, source: _source, organizationId: _org, ...props } = r.props;
      return {
        to: r.to,
        ...Object.fromEntries(
          Object.entries(props).sort(([a], [b]) =>
            a === 'mode' ? -1 : b === 'mode' ? 1 : a.localeCompare(b),
          ),
        ),
      };
    });
    if (access.length) out.access = access;
  }
  return out;
}

const shape = (ref: ReferenceSpec, ids: string[]): string | string[] =>
  ref.shape === 'one' ? ids[0] : ref.shape === 'either' && ids.length === 1 ? ids[0] : ids;
