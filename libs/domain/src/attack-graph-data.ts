/**
 * The raw material of the analytics (docs/spec/analytics.md §1-§2), as libs/graph reads it and
 * libs/analytics computes on it. Plain data: no driver types.
 */

/** Vectors of attack steps (docs/spec/analytics.md §2). */
export const ATTACK_VECTORS = [
  'access',
  'physical',
  'logical',
  'network',
  'dependency',
  'supply-chain',
] as const;
export type AttackVector = (typeof ATTACK_VECTORS)[number];

export interface AttackNode {
  id: string;
  name: string;
  labels: string[];
  organizationId?: string;
  classification?: string;
  /** Assets only: max of the impact scores, 1 when not assessed. */
  criticality?: number;
}

/** An attacker who controls `from` can step to `to` by `vector`. */
export interface AttackStepEdge {
  from: string;
  to: string;
  vector: AttackVector;
}

export interface ControlData {
  id: string;
  name: string;
  domains: string[];
  functions: string[];
  effectiveness: number;
  status: string;
  /** Vectors it applies to; undefined or empty: all. */
  vectors?: string[];
  protects: string[];
  /** Direct DEPENDS_ON targets (systems, people, providers, controls). */
  dependsOn: string[];
  detectionProbability?: number;
  delaySeconds?: number;
  delayStdDevSeconds?: number;
  detectionPoint?: string;
  lastTestedAt?: string;
  organizationId?: string;
}

export interface ThreatData {
  id: string;
  name: string;
  kind?: string;
  capability?: number;
  intent?: number;
  startsAt: string[];
  targets: string[];
  organizationId?: string;
}

/** A risk-register entry (docs/spec/analytics.md §1, §6). */
export interface RiskEntryData {
  id: string;
  threatId: string;
  assetId: string;
  likelihood?: number;
  consequence?: number;
  treatment?: string;
  reviewedAt?: string;
  organizationId?: string;
}

export interface AttackGraphData {
  nodes: AttackNode[];
  steps: AttackStepEdge[];
  controls: ControlData[];
  threats: ThreatData[];
  /** Every DEPENDS_ON relationship (system on system, control on anything): for dependency chains. */
  dependsOn: { from: string; to: string }[];
  risks?: RiskEntryData[];
  /** Ids of the assets that have an owner. */
  owned?: string[];
}

/**
 * What writes since a version changed, for an attack graph in memory to patch itself (issue 21):
 * the entities touched and, as now stored, their records and every step and dependency that
 * touches one of them. `full`: too much or too far back; reload instead.
 */
export type AttackGraphDelta =
  { full: true; version: number } | { full: false; version: number; ids: string[]; part: AttackGraphData };
