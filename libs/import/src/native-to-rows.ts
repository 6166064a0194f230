import { NodeRow, RelationshipRow, RelationshipType, criticalityOf } from '@rampart/domain';

/**
 * Turns a native organisation document (import-format.md) into graph rows. This is the writing
 * half of the importer; validation with paths and line numbers comes with the full importer
 * (issue 3), so for now the input is trusted (the shipped demo file).
 */
type Doc = Record<string, unknown>;
type Item = Record<string, unknown>;

export interface GraphRows {
  organizationId: string;
  nodes: NodeRow[];
  relationships: RelationshipRow[];
}

/** Section -> labels; properties are copied except the keys that become relationships. */
const SECTIONS: { key: string; labels: string[] }[] = [
  { key: 'orgUnits', labels: ['OrgUnit'] },
  { key: 'serviceProviders', labels: ['ServiceProvider'] },
  { key: 'people', labels: ['Person', 'Asset'] },
  { key: 'facilities', labels: ['Facility', 'Asset'] },
  { key: 'systems', labels: ['System', 'Asset'] },
  { key: 'information', labels: ['Information', 'Asset'] },
  { key: 'assets', labels: ['Asset'] },
  { key: 'controls', labels: ['Control'] },
  { key: 'threats', labels: ['Threat'] },
  { key: 'risks', labels: ['Risk'] },
];

/** Reference keys: `key` on an item of `section` -> relationship (direction "out" = item -> target). */
const REFERENCES: { section: string; key: string; type: RelationshipType; dir: 'out' | 'in' }[] = [
  { section: 'people', key: 'memberOf', type: 'MEMBER_OF', dir: 'out' },
  { section: 'facilities', key: 'locatedIn', type: 'LOCATED_IN', dir: 'out' },
  { section: 'systems', key: 'hostedIn', type: 'HOSTED_IN', dir: 'out' },
  { section: 'assets', key: 'hostedIn', type: 'HOSTED_IN', dir: 'out' },
  { section: 'systems', key: 'connectsTo', type: 'CONNECTS_TO', dir: 'out' },
  { section: 'systems', key: 'dependsOn', type: 'DEPENDS_ON', dir: 'out' },
  { section: 'information', key: 'storedOn', type: 'STORED_ON', dir: 'out' },
  { section: 'controls', key: 'protects', type: 'PROTECTS', dir: 'out' },
  { section: 'controls', key: 'dependsOn', type: 'DEPENDS_ON', dir: 'out' },
  { section: 'controls', key: 'mitigates', type: 'MITIGATES', dir: 'out' },
  { section: 'controls', key: 'responsible', type: 'RESPONSIBLE_FOR', dir: 'in' },
  { section: 'threats', key: 'startsAt', type: 'STARTS_AT', dir: 'out' },
  { section: 'threats', key: 'targets', type: 'TARGETS', dir: 'out' },
  { section: 'risks', key: 'threat', type: 'OF_THREAT', dir: 'out' },
  { section: 'risks', key: 'asset', type: 'TO_ASSET', dir: 'out' },
  ...['people', 'facilities', 'systems', 'information', 'assets'].map((section) => ({
    section,
    key: 'owner',
    type: 'OWNS' as const,
    dir: 'in' as const,
  })),
];

/** Keys handled separately (relationships with properties, catalogue links for later). */
const SPECIAL_KEYS = new Set(['access', 'roles', 'implements', 'uses', 'businessImpact', 'topManagement']);

const list = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

function flatProps(item: Item, skip: Set<string>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (skip.has(k) || SPECIAL_KEYS.has(k) || v === undefined || v === null) continue;
    props[k] = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  }
  const impact = item.businessImpact as
    { confidentiality?: number; integrity?: number; availability?: number } | undefined;
  if (impact) {
    props.impactConfidentiality = impact.confidentiality;
    props.impactIntegrity = impact.integrity;
    props.impactAvailability = impact.availability;
  }
  if (item.topManagement !== undefined) props.isTopManagement = item.topManagement;
  return props;
}

export function nativeToRows(doc: Doc, source: string): GraphRows {
  const org = doc.organization as Item | undefined;
  if (!org?.id) throw new Error(`${source}: the demo loader needs an organization section with an id`);
  const organizationId = String(org.id);
  const common = { organizationId, source };
  const nodes: NodeRow[] = [];
  const relationships: RelationshipRow[] = [];
  const rel = (type: RelationshipType, from: string, to: string, props: Record<string, unknown> = {}) =>
    relationships.push({ type, from, to, props });

  const { responseForce, vettingIntervalDays, ...orgRest } = org as Item & {
    responseForce?: { timeSeconds: number; stdDevSeconds: number; communicationProbability: number };
  };
  nodes.push({
    id: organizationId,
    labels: ['Organization'],
    props: {
      ...flatProps(orgRest, new Set()),
      ...common,
      classificationLevels: doc.classificationLevels,
      vettingIntervalDays:
        vettingIntervalDays === undefined ? undefined : JSON.stringify(vettingIntervalDays),
      responseForceTimeSeconds: responseForce?.timeSeconds,
      responseForceStdDevSeconds: responseForce?.stdDevSeconds,
      responseForceCommunicationProbability: responseForce?.communicationProbability,
    },
  });

  for (const { key, labels } of SECTIONS) {
    const refs = REFERENCES.filter((r) => r.section === key);
    const skip = new Set(refs.map((r) => r.key));
    for (const item of (doc[key] as Item[] | undefined) ?? []) {
      const id = String(item.id);
      const props: Record<string, unknown> = { ...flatProps(item, skip), ...common };
      if (labels.includes('Asset')) props.criticality = criticalityOf(item.businessImpact as never);
      nodes.push({ id, labels, props });
      for (const r of refs) {
        for (const target of list(item[r.key])) {
          if (r.dir === 'out') rel(r.type, id, target);
          else rel(r.type, target, id);
        }
      }
      for (const role of list(item.roles)) rel('HOLDS_ROLE', id, organizationId, { role });
      for (const a of (item.access as Item[] | undefined) ?? []) {
        const { to, ...accessProps } = a;
        rel('HAS_ACCESS', id, String(to), flatProps(accessProps, new Set()));
      }
    }
  }
  for (const o of (doc.owners as { person: string; assets: string[] }[] | undefined) ?? []) {
    for (const asset of o.assets) rel('OWNS', o.person, asset);
  }
  for (const n of nodes)
    for (const k of Object.keys(n.props)) if (n.props[k] === undefined) delete n.props[k];
  return { organizationId, nodes, relationships };
}
