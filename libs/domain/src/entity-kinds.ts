import { EntityLabel } from './labels';
import { SectionKey } from './model/native-sections';

/** How a list query may filter a property: equality, membership, list containment, ranges. */
export type FilterOp = 'eq' | 'in' | 'has' | 'gte' | 'lte';

/** One filter condition on a stored property; keys come only from ENTITY_KINDS below. */
export interface PropertyFilter {
  key: string;
  op: FilterOp;
  value: unknown;
}

export interface EntityKindSpec {
  /** The label that selects the kind in the graph. */
  label: EntityLabel;
  /** Labels that must be absent (plain assets are Assets that are nothing more specific). */
  exclude?: readonly EntityLabel[];
  /** The section of the native file the kind is written in; none for catalogue entries. */
  section?: SectionKey;
  /** Stored properties a list query may filter on, and how. */
  filters: Readonly<Record<string, FilterOp>>;
}

const ASSET_FILTERS = { criticalityAtLeast: 'gte', classification: 'eq' } as const;

/**
 * The entity kinds the API lists and edits. Adding a filter here is the only way a property key
 * reaches a query (whitelist).
 */
export const ENTITY_KINDS = {
  ORG_UNIT: { label: 'OrgUnit', section: 'orgUnits', filters: { topManagement: 'eq' } },
  SERVICE_PROVIDER: {
    label: 'ServiceProvider',
    section: 'serviceProviders',
    filters: { contractHasSecurityClauses: 'eq' },
  },
  PERSON: {
    label: 'Person',
    section: 'people',
    filters: { ...ASSET_FILTERS, status: 'in', clearance: 'in', employment: 'eq' },
  },
  FACILITY: { label: 'Facility', section: 'facilities', filters: { ...ASSET_FILTERS, level: 'in' } },
  SYSTEM: {
    label: 'System',
    section: 'systems',
    filters: { ...ASSET_FILTERS, systemKind: 'eq', internetFacing: 'eq' },
  },
  INFORMATION: { label: 'Information', section: 'information', filters: ASSET_FILTERS },
  PLAIN_ASSET: {
    label: 'Asset',
    exclude: ['Person', 'Facility', 'System', 'Information'],
    section: 'assets',
    filters: ASSET_FILTERS,
  },
  /** Every asset, whatever its kind (read only: create the specific kind). */
  ASSET: { label: 'Asset', filters: ASSET_FILTERS },
  CONTROL: {
    label: 'Control',
    section: 'controls',
    filters: { status: 'in', domain: 'has', function: 'has', effectivenessAtLeast: 'gte' },
  },
  THREAT: { label: 'Threat', section: 'threats', filters: { kind: 'in', capabilityAtLeast: 'gte' } },
  RISK: { label: 'Risk', section: 'risks', filters: { treatment: 'in' } },
  ATTACK_PATTERN: {
    label: 'AttackPattern',
    filters: { catalogue: 'eq', externalId: 'eq', domain: 'has', tactic: 'has', platform: 'has' },
  },
  MITIGATION: { label: 'Mitigation', filters: { catalogue: 'eq', externalId: 'eq' } },
} as const satisfies Record<string, EntityKindSpec>;

export type EntityKind = keyof typeof ENTITY_KINDS;
export const ENTITY_KIND_NAMES = Object.keys(ENTITY_KINDS) as EntityKind[];

/** API filter names that differ from the stored property they test. */
const FILTER_PROPERTY: Record<string, string> = {
  criticalityAtLeast: 'criticality',
  domain: 'domains',
  function: 'functions',
  effectivenessAtLeast: 'effectiveness',
  capabilityAtLeast: 'capability',
  systemKind: 'kind',
  tactic: 'tactics',
  platform: 'platforms',
};

/** The kind an entity's labels make it (most specific first); undefined for Organization. */
export function entityKindOf(labels: readonly string[]): EntityKind | undefined {
  return ENTITY_KIND_NAMES.find((k) => {
    const spec: EntityKindSpec = ENTITY_KINDS[k];
    return labels.includes(spec.label) && !spec.exclude?.some((l) => labels.includes(l));
  });
}

/**
 * API filter values to whitelisted property filters. Unknown names are dropped by construction:
 * only names of the kind's table are read; undefined and null values mean "no filter".
 */
export function propertyFiltersFor(kind: EntityKind, values: Record<string, unknown>): PropertyFilter[] {
  const spec: EntityKindSpec = ENTITY_KINDS[kind];
  return Object.entries(spec.filters)
    .filter(([name]) => values[name] !== undefined && values[name] !== null)
    .map(([name, op]) => ({ key: FILTER_PROPERTY[name] ?? name, op, value: values[name] }));
}
