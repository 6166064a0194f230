import { DEFAULT_RISK_MATRIX, RISK_LEVEL_RANK, RiskLevel, ThreatData, riskLevel } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { PathSearchOptions, mostLikelyPaths } from './path-search';

export interface RiskAssessment {
  /** The register entry, when the pair has one. */
  riskId?: string;
  threatId: string;
  assetId: string;
  organizationId?: string;
  inherentLikelihood: number;
  consequence: number;
  /** Success probability of the most likely path; 0 when the threat cannot reach the asset. */
  pathProbability: number;
  residualLikelihood: number;
  inherentLevel: RiskLevel;
  level: RiskLevel;
  aboveTolerance: boolean;
  treatment?: string;
}

/**
 * docs/spec/analytics.md §6: the inherent likelihood scaled by the most likely path's probability:
 * p >= 0.5 keeps it, 0.2-0.5 lowers it by 1, 0.05-0.2 by 2, below 0.05 by 3; never below 1.
 */
export function residualLikelihood(inherent: number, p: number): number {
  // Products of (1 - e) land just below a band edge in floating point (1 - 0.8 = 0.19999999999999996).
  const q = p + 1e-9;
  const drop = q >= 0.5 ? 0 : q >= 0.2 ? 1 : q >= 0.05 ? 2 : 3;
  return Math.max(1, inherent - drop);
}

export const inherentLikelihoodOf = (t: ThreatData) =>
  Math.min(5, Math.max(1, Math.round(((t.capability ?? 3) + (t.intent ?? 3)) / 2)));

export interface RiskPair {
  threatId: string;
  assetId: string;
  riskId?: string;
}

/** The pairs a risk view covers: every register entry, and every threat target not in it. */
export function riskPairs(g: AttackGraph): RiskPair[] {
  const pairs: RiskPair[] = g.risks.map((r) => ({ threatId: r.threatId, assetId: r.assetId, riskId: r.id }));
  const inRegister = new Set(pairs.map((p) => `${p.threatId}|${p.assetId}`));
  for (const t of g.threats.values()) {
    for (const a of t.targets) {
      if (!inRegister.has(`${t.id}|${a}`) && g.nodes.has(a)) pairs.push({ threatId: t.id, assetId: a });
    }
  }
  return pairs;
}

export function assessRisk(
  g: AttackGraph,
  pair: RiskPair,
  tolerance: RiskLevel = 'medium',
  opts: PathSearchOptions = {},
): RiskAssessment | undefined {
  const threat = g.threats.get(pair.threatId);
  const asset = g.nodes.get(pair.assetId);
  if (!threat || !asset) return undefined;
  const entry = pair.riskId ? g.risks.find((r) => r.id === pair.riskId) : undefined;
  const inherent = entry?.likelihood ?? inherentLikelihoodOf(threat);
  const consequence = entry?.consequence ?? asset.criticality ?? 1;
  const p = mostLikelyPaths(g, threat, pair.assetId, 1, opts).paths[0]?.probability ?? 0;
  const residual = residualLikelihood(inherent, p);
  const level = riskLevel(residual, consequence, DEFAULT_RISK_MATRIX);
  return {
    riskId: entry?.id,
    threatId: threat.id,
    assetId: asset.id,
    organizationId: entry?.organizationId ?? asset.organizationId,
    inherentLikelihood: inherent,
    consequence,
    pathProbability: p,
    residualLikelihood: residual,
    inherentLevel: riskLevel(inherent, consequence, DEFAULT_RISK_MATRIX),
    level,
    aboveTolerance: RISK_LEVEL_RANK[level] > RISK_LEVEL_RANK[tolerance],
    treatment: entry?.treatment,
  };
}
