import {
  AssetKind,
  BusinessImpact,
  EntityKind,
  assetKindOf,
  criticalityOf,
  entityKindOf,
  organizationFromProps,
} from '@rampart/domain';

/** An entity as it leaves the service: named fields only (see OutputMapper). */
export interface EntityView {
  /** Which GraphQL type the entity is (not a published field). */
  entityKind: EntityKind | 'ORGANIZATION';
  id: string;
  name: string;
  labels: string[];
  /** Above the user's clearance: a placeholder (see Redactor). */
  restricted: boolean;
  organizationId?: string;
  classification?: string;
  description?: string;
  tags?: string[];
  source?: string;
  firstSeen?: string;
  lastUpdated?: string;
  /** Assets only. */
  kind?: AssetKind | string;
  businessImpact?: BusinessImpact;
  criticality?: number;
  [field: string]: unknown;
}

const COMMON = ['classification', 'description', 'tags', 'source', 'firstSeen', 'lastUpdated'] as const;

/** Kind-specific stored properties published per kind; anything else stays inside. */
export const PUBLISHED_FIELDS: Record<EntityKind, readonly string[]> = {
  ORG_UNIT: ['topManagement'],
  SERVICE_PROVIDER: ['contractHasSecurityClauses'],
  PERSON: ['clearance', 'status', 'separatedAt', 'lastVettedAt', 'employment'],
  FACILITY: ['level'],
  SYSTEM: ['internetFacing', 'authorizedToOperateUntil', 'maxClassification'],
  INFORMATION: [],
  PLAIN_ASSET: [],
  ASSET: [],
  CONTROL: [
    'domains',
    'functions',
    'effectiveness',
    'status',
    'vectors',
    'lastTestedAt',
    'cost',
    'detectionProbability',
    'delaySeconds',
    'delayStdDevSeconds',
    'detectionPoint',
  ],
  THREAT: ['kind', 'capability', 'intent', 'externalId', 'catalogue', 'url'],
  RISK: ['likelihood', 'consequence', 'treatment', 'reviewedAt'],
  ATTACK_PATTERN: [
    'externalId',
    'catalogue',
    'url',
    'domains',
    'tactics',
    'platforms',
    'isSubtechnique',
    'severity',
    'likelihood',
  ],
  MITIGATION: ['externalId', 'catalogue', 'url'],
};

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Stored entity (flat properties) to its published view. */
export function toEntityView(record: {
  id: string;
  labels: string[];
  props: Record<string, unknown>;
}): EntityView {
  const p = record.props;
  const kind = entityKindOf(record.labels);
  const view: EntityView = {
    entityKind: kind ?? 'ORGANIZATION',
    id: record.id,
    name: String(p.name ?? record.id),
    labels: record.labels.filter((l) => l !== 'Entity'),
    restricted: false,
    organizationId: p.organizationId as string | undefined,
  };
  for (const f of COMMON) if (p[f] !== undefined && p[f] !== null) view[f] = p[f] as never;
  for (const f of kind ? PUBLISHED_FIELDS[kind] : []) if (p[f] !== undefined && p[f] !== null) view[f] = p[f];
  if (!kind && record.labels.includes('Organization')) {
    const { id: _id, name: _name, ...settings } = organizationFromProps(p);
    Object.assign(view, settings);
  }
  if (record.labels.includes('Asset')) {
    const [c, i, a] = [num(p.impactConfidentiality), num(p.impactIntegrity), num(p.impactAvailability)];
    const impact =
      c === undefined && i === undefined && a === undefined
        ? undefined
        : { confidentiality: c ?? 1, integrity: i ?? 1, availability: a ?? 1 };
    view.kind = assetKindOf(record.labels);
    view.businessImpact = impact;
    view.criticality = num(p.criticality) ?? criticalityOf(impact);
    // A system's own kind (ict, ot) is published as systemKind: `kind` is the asset kind.
    if (kind === 'SYSTEM' && p.kind !== undefined) view.systemKind = p.kind;
  }
  return view;
}
