import { NodeRow, RelationshipRow, RelationshipType, SecurityDomain } from '@rampart/domain';
import { hashedNodeRow } from '../native/document-to-rows';

/** The STIX 2.1 objects we read; everything else in a bundle is ignored. */
export interface StixObject {
  type: string;
  id: string;
  name?: string;
  description?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: { source_name?: string; external_id?: string; url?: string }[];
  kill_chain_phases?: { kill_chain_name?: string; phase_name?: string }[];
  x_mitre_platforms?: string[];
  x_mitre_is_subtechnique?: boolean;
  x_capec_domains?: string[];
  x_capec_typical_severity?: string;
  x_capec_likelihood_of_attack?: string;
  relationship_type?: string;
  source_ref?: string;
  target_ref?: string;
}

export interface StixBundle {
  type: string;
  objects: StixObject[];
}

export type Catalogue = 'attack-enterprise' | 'attack-ics' | 'capec';

/** CAPEC's x_capec_domains onto the five protective-security domains (shared/data/mitre/README.md). */
export const CAPEC_DOMAINS: Record<string, SecurityDomain> = {
  'Physical Security': 'physical',
  'Social Engineering': 'personnel',
  Software: 'cyber',
  Communications: 'cyber',
  Hardware: 'cyber',
  'Supply Chain': 'governance',
};

/** STIX relationship types we keep, with the graph type and the (source, target) STIX types. */
const RELATIONSHIPS: { stix: string; type: RelationshipType; from: string; to: string }[] = [
  { stix: 'uses', type: 'USES', from: 'intrusion-set', to: 'attack-pattern' },
  { stix: 'mitigates', type: 'MITIGATES', from: 'course-of-action', to: 'attack-pattern' },
  { stix: 'subtechnique-of', type: 'SUBTECHNIQUE_OF', from: 'attack-pattern', to: 'attack-pattern' },
];

export interface StixRows {
  catalogue: Catalogue;
  nodes: NodeRow[];
  relationships: RelationshipRow[];
  skipped: { revokedOrDeprecated: number; relationshipsToSkipped: number };
}

const isCurrent = (o: StixObject) => !o.revoked && !o.x_mitre_deprecated;

/** Which catalogue a bundle is: CAPEC by its references, ICS by its tactics' kill chain. */
export function catalogueOf(bundle: StixBundle): Catalogue {
  const patterns = bundle.objects.filter((o) => o.type === 'attack-pattern');
  if (patterns.some((o) => o.external_references?.[0]?.source_name === 'capec')) return 'capec';
  return patterns.some((o) => o.kill_chain_phases?.some((k) => k.kill_chain_name === 'mitre-ics-attack'))
    ? 'attack-ics'
    : 'attack-enterprise';
}

/**
 * Our id of a STIX object: `attack:T1078`, `attack:M1032`, `attack:G0082`, `capec:CAPEC-66`.
 * CAPEC mitigations have no external id: their name (`capec:coa-102-0`), and where a bundle gives
 * two of them the same name, the start of the STIX uuid too (`capec:coa-67-0~1a2b3c4d`).
 */
export function catalogueId(
  o: StixObject,
  duplicateNames: ReadonlySet<string> = new Set(),
): string | undefined {
  const ref = o.external_references?.find(
    (r) => r.source_name === 'mitre-attack' || r.source_name === 'capec',
  );
  if (ref?.external_id) return `${ref.source_name === 'capec' ? 'capec' : 'attack'}:${ref.external_id}`;
  if (o.type === 'course-of-action' && o.name && /^coa-/.test(o.name)) {
    return duplicateNames.has(o.name)
      ? `capec:${o.name}~${o.id.split('--')[1]?.slice(0, 8)}`
      : `capec:${o.name}`;
  }
  return undefined;
}

function duplicateMitigationNames(objects: StixObject[]): Set<string> {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const o of objects) {
    if (o.type !== 'course-of-action' || !o.name) continue;
    if (seen.has(o.name)) duplicates.add(o.name);
    seen.add(o.name);
  }
  return duplicates;
}

/**
 * A bundle as catalogue rows: attack-patterns as AttackPattern, course-of-action as Mitigation,
 * intrusion-sets as Threat; `uses`, `mitigates`, `subtechnique-of` between them. Revoked and
 * deprecated objects are skipped, and so are relationships that touch them.
 */
export function stixToRows(bundle: StixBundle, source: string): StixRows {
  const catalogue = catalogueOf(bundle);
  const duplicates = duplicateMitigationNames(bundle.objects);
  const idOf = new Map<string, string>();
  const typeOf = new Map<string, string>();
  const nodes: NodeRow[] = [];
  let revokedOrDeprecated = 0;
  for (const o of bundle.objects) {
    if (!['attack-pattern', 'course-of-action', 'intrusion-set'].includes(o.type)) continue;
    if (!isCurrent(o)) {
      revokedOrDeprecated++;
      continue;
    }
    const id = catalogueId(o, duplicates);
    if (!id) continue;
    idOf.set(o.id, id);
    typeOf.set(o.id, o.type);
    const row = toNode(o, id, catalogue, source);
    nodes.push(hashedNodeRow(row.id, row.labels, row.props));
  }
  const relationships: RelationshipRow[] = [];
  let relationshipsToSkipped = 0;
  for (const o of bundle.objects) {
    if (o.type !== 'relationship' || !isCurrent(o)) continue;
    const spec = RELATIONSHIPS.find((r) => r.stix === o.relationship_type);
    if (!spec || !o.source_ref || !o.target_ref) continue;
    const [from, to] = [idOf.get(o.source_ref), idOf.get(o.target_ref)];
    if (!from || !to) {
      // Only count relationships between the kinds we import, whose ends were skipped.
      if (o.source_ref.startsWith(`${spec.from}--`) && o.target_ref.startsWith(`${spec.to}--`))
        relationshipsToSkipped++;
      continue;
    }
    if (typeOf.get(o.source_ref) !== spec.from || typeOf.get(o.target_ref) !== spec.to) continue;
    relationships.push({ type: spec.type, from, to, props: { key: '', source, stixId: o.id } });
  }
  return {
    catalogue,
    nodes,
    relationships: dedupeRelationships(relationships),
    skipped: { revokedOrDeprecated, relationshipsToSkipped },
  };
}

function toNode(o: StixObject, id: string, catalogue: Catalogue, source: string): NodeRow {
  const ref = o.external_references?.find((r) => r.external_id);
  const common = {
    id,
    name: o.name ?? id,
    description: o.description,
    externalId: ref?.external_id ?? o.name,
    stixId: o.id,
    url: ref?.url,
    catalogue,
    source,
  };
  if (o.type === 'course-of-action') return { id, labels: ['Mitigation'], props: clean(common) };
  if (o.type === 'intrusion-set') {
    // ATT&CK groups carry no capability or intent: defaults an analyst adjusts (docs/import.md).
    const criminal = /financially motivated|cybercrim|ransomware/i.test(o.description ?? '');
    return {
      id,
      labels: ['Threat'],
      props: clean({ ...common, kind: criminal ? 'criminal' : 'state', capability: 4, intent: 3 }),
    };
  }
  const domains =
    catalogue === 'capec'
      ? [...new Set((o.x_capec_domains ?? []).map((d) => CAPEC_DOMAINS[d]).filter(Boolean))].sort()
      : ['cyber'];
  return {
    id,
    labels: ['AttackPattern'],
    props: clean({
      ...common,
      domains,
      tactics: o.kill_chain_phases?.map((k) => k.phase_name).filter(Boolean),
      platforms: o.x_mitre_platforms,
      isSubtechnique: o.x_mitre_is_subtechnique,
      severity: o.x_capec_typical_severity,
      likelihood: o.x_capec_likelihood_of_attack,
    }),
  };
}

const clean = (m: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined && v !== null));

function dedupeRelationships(rows: RelationshipRow[]): RelationshipRow[] {
  const seen = new Map<string, RelationshipRow>();
  for (const r of rows) seen.set(`${r.type}|${r.from}|${r.to}`, r);
  return [...seen.values()];
}
