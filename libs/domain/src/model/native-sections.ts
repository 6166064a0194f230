import { RelationshipType } from '../graph-rows';
import { EntityLabel } from '../labels';

/**
 * How each section of the native file maps onto the graph: the labels of its entities and, for
 * each reference key, the relationship it becomes, its direction and the labels its target may
 * carry. Import (rows, reference checks) and export (rebuilding the document) both read this
 * table, so the two directions cannot drift apart.
 */
export interface ReferenceSpec {
  key: string;
  type: RelationshipType;
  /** out: (item)-[type]->(target); in: (target)-[type]->(item). */
  dir: 'out' | 'in';
  targets: readonly EntityLabel[];
  /** The key holds a list (or, with `either`, a single id or a list). */
  shape: 'one' | 'many' | 'either';
}

export interface SectionSpec {
  key: SectionKey;
  labels: readonly EntityLabel[];
  refs: readonly ReferenceSpec[];
}

export const SECTION_KEYS = [
  'orgUnits',
  'serviceProviders',
  'people',
  'facilities',
  'systems',
  'information',
  'assets',
  'controls',
  'threats',
  'risks',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const ASSET_TARGETS = ['Asset'] as const;
const owner: ReferenceSpec = { key: 'owner', type: 'OWNS', dir: 'in', targets: ['Person'], shape: 'one' };

export const SECTIONS: readonly SectionSpec[] = [
  { key: 'orgUnits', labels: ['OrgUnit'], refs: [] },
  { key: 'serviceProviders', labels: ['ServiceProvider'], refs: [] },
  {
    key: 'people',
    labels: ['Person', 'Asset'],
    refs: [
      owner,
      {
        key: 'memberOf',
        type: 'MEMBER_OF',
        dir: 'out',
        targets: ['OrgUnit', 'ServiceProvider'],
        shape: 'many',
      },
    ],
  },
  {
    key: 'facilities',
    labels: ['Facility', 'Asset'],
    refs: [owner, { key: 'locatedIn', type: 'LOCATED_IN', dir: 'out', targets: ['Facility'], shape: 'one' }],
  },
  {
    key: 'systems',
    labels: ['System', 'Asset'],
    refs: [
      owner,
      { key: 'hostedIn', type: 'HOSTED_IN', dir: 'out', targets: ['Facility'], shape: 'one' },
      { key: 'connectsTo', type: 'CONNECTS_TO', dir: 'out', targets: ['System'], shape: 'many' },
      { key: 'dependsOn', type: 'DEPENDS_ON', dir: 'out', targets: ['System'], shape: 'many' },
    ],
  },
  {
    key: 'information',
    labels: ['Information', 'Asset'],
    refs: [owner, { key: 'storedOn', type: 'STORED_ON', dir: 'out', targets: ['System'], shape: 'many' }],
  },
  {
    key: 'assets',
    labels: ['Asset'],
    refs: [owner, { key: 'hostedIn', type: 'HOSTED_IN', dir: 'out', targets: ['Facility'], shape: 'one' }],
  },
  {
    key: 'controls',
    labels: ['Control'],
    refs: [
      { key: 'protects', type: 'PROTECTS', dir: 'out', targets: ASSET_TARGETS, shape: 'many' },
      {
        key: 'dependsOn',
        type: 'DEPENDS_ON',
        dir: 'out',
        targets: ['System', 'Person', 'ServiceProvider', 'Control'],
        shape: 'many',
      },
      {
        key: 'mitigates',
        type: 'MITIGATES',
        dir: 'out',
        targets: ['Threat', 'AttackPattern'],
        shape: 'many',
      },
      { key: 'implements', type: 'IMPLEMENTS', dir: 'out', targets: ['Mitigation'], shape: 'many' },
      { key: 'responsible', type: 'RESPONSIBLE_FOR', dir: 'in', targets: ['Person'], shape: 'either' },
    ],
  },
  {
    key: 'threats',
    labels: ['Threat'],
    refs: [
      {
        key: 'startsAt',
        type: 'STARTS_AT',
        dir: 'out',
        targets: ['Person', 'System', 'Facility'],
        shape: 'many',
      },
      { key: 'targets', type: 'TARGETS', dir: 'out', targets: ASSET_TARGETS, shape: 'many' },
      { key: 'uses', type: 'USES', dir: 'out', targets: ['AttackPattern'], shape: 'many' },
    ],
  },
  {
    key: 'risks',
    labels: ['Risk'],
    refs: [
      { key: 'threat', type: 'OF_THREAT', dir: 'out', targets: ['Threat'], shape: 'one' },
      { key: 'asset', type: 'TO_ASSET', dir: 'out', targets: ASSET_TARGETS, shape: 'one' },
    ],
  },
];

/** Keys that are neither plain properties nor simple references. */
export const ACCESS_KEY = 'access'; // people[].access -> HAS_ACCESS with properties
export const ROLES_KEY = 'roles'; // people[].roles -> HOLDS_ROLE {role} to the organisation
export const ACCESS_TARGETS: readonly EntityLabel[] = ['Information', 'System', 'Facility'];

/** Nested inputs stored flat: Neo4j properties cannot hold maps. */
export const FLATTENED = {
  businessImpact: {
    confidentiality: 'impactConfidentiality',
    integrity: 'impactIntegrity',
    availability: 'impactAvailability',
  },
  responseForce: {
    timeSeconds: 'responseForceTimeSeconds',
    stdDevSeconds: 'responseForceStdDevSeconds',
    communicationProbability: 'responseForceCommunicationProbability',
  },
} as const;

/**
 * Entity properties that are real numbers (probabilities, seconds): always stored as floats, so
 * a file's `1` and another's `0.8` are the same type in the graph (issue 21).
 */
export const REAL_PROPERTIES: ReadonlySet<string> = new Set([
  'effectiveness',
  'detectionProbability',
  'delaySeconds',
  'delayStdDevSeconds',
  FLATTENED.responseForce.timeSeconds,
  FLATTENED.responseForce.stdDevSeconds,
  FLATTENED.responseForce.communicationProbability,
]);

/** Properties Rampart maintains itself; never read from or written to a file. */
export const SYSTEM_PROPERTIES = [
  'id',
  'organizationId',
  'source',
  'firstSeen',
  'lastUpdated',
  'contentHash',
  'criticality',
] as const;

export const sectionOf = (key: string): SectionSpec | undefined => SECTIONS.find((s) => s.key === key);
