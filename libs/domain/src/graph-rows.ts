/** An entity as written to the graph: flat properties (Neo4j stores no nested maps). */
export interface NodeRow {
  id: string;
  /** Entity labels besides Entity itself (Asset, System, ...). */
  labels: string[];
  props: Record<string, unknown>;
}

export interface RelationshipRow {
  type: RelationshipType;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** What a write of rows did. Entities: `changed` counts the created ones too (updated = changed - created). */
export interface WriteCounts {
  nodes: number;
  created: number;
  changed: number;
  /** Unchanged entities now of this import's source (an export read back under another name). */
  moved: number;
  /** Distinct relationships the file states. */
  relationships: number;
  relationshipsCreated: number;
  relationshipsUpdated: number;
  relationshipsMoved: number;
  relationshipsDeleted: number;
  pruned: number;
}

/** Relationship types of docs/spec/analytics.md §1: the whitelist for every dynamic type in a query. */
export const RELATIONSHIP_TYPES = [
  'MEMBER_OF',
  'HOLDS_ROLE',
  'OWNS',
  'RESPONSIBLE_FOR',
  'HAS_ACCESS',
  'STORED_ON',
  'HOSTED_IN',
  'LOCATED_IN',
  'CONNECTS_TO',
  'DEPENDS_ON',
  'PROTECTS',
  'MITIGATES',
  'STARTS_AT',
  'TARGETS',
  'USES',
  'OF_THREAT',
  'TO_ASSET',
  'IMPLEMENTS',
  'SUBTECHNIQUE_OF',
] as const;

export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];
