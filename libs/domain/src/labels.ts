/** Every node Rampart owns in the organisation graph carries this label (unique `id`). */
export const ENTITY_LABEL = 'Entity';

/** Entity labels of docs/spec/analytics.md §1. Queries take labels only from this whitelist. */
export const ENTITY_LABELS = [
  'Organization',
  'OrgUnit',
  'ServiceProvider',
  'Person',
  'Facility',
  'System',
  'Information',
  'Asset',
  'Threat',
  'AttackPattern',
  'Control',
  'Risk',
  // Catalogue entries (STIX course-of-action) that controls can `implements`.
  'Mitigation',
] as const;

export type EntityLabel = (typeof ENTITY_LABELS)[number];

/** The kind of a protected asset: its most specific label, or ASSET for a plain asset. */
export const ASSET_KINDS = ['PERSON', 'FACILITY', 'SYSTEM', 'INFORMATION', 'ASSET'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

const KIND_BY_LABEL: Record<string, AssetKind> = {
  Person: 'PERSON',
  Facility: 'FACILITY',
  System: 'SYSTEM',
  Information: 'INFORMATION',
};

export function assetKindOf(labels: readonly string[]): AssetKind {
  for (const label of labels) {
    const kind = KIND_BY_LABEL[label];
    if (kind) return kind;
  }
  return 'ASSET';
}

export const isEntityLabel = (s: string): s is EntityLabel =>
  (ENTITY_LABELS as readonly string[]).includes(s);
