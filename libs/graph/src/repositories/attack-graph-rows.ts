import { AttackNode, ControlData, RiskEntryData, ThreatData } from '@rampart/domain';

/** Rows of the analytics queries (full and delta) as the attack graph's plain data. */

type Props = Record<string, unknown>;
type Row = Record<string, unknown>;

export const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const toNode = (r: Row): AttackNode => ({
  id: String(r.id),
  name: String(r.name),
  labels: strs(r.labels),
  organizationId: str(r.organizationId),
  classification: str(r.classification),
  criticality: num(r.criticality),
});

export function toRisk(r: Row): RiskEntryData {
  const p = r.risk as Props;
  return {
    id: String(p.id),
    threatId: String(r.threatId),
    assetId: String(r.assetId),
    likelihood: num(p.likelihood),
    consequence: num(p.consequence),
    treatment: str(p.treatment),
    reviewedAt: str(p.reviewedAt),
    organizationId: str(p.organizationId),
  };
}

export function toControl(r: Row): ControlData {
  const p = r.control as Props;
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    domains: strs(p.domains),
    functions: strs(p.functions),
    effectiveness: num(p.effectiveness) ?? 0,
    status: String(p.status ?? 'planned'),
    vectors: Array.isArray(p.vectors) ? strs(p.vectors) : undefined,
    protects: strs(r.protects),
    dependsOn: strs(r.dependsOn),
    detectionProbability: num(p.detectionProbability),
    delaySeconds: num(p.delaySeconds),
    delayStdDevSeconds: num(p.delayStdDevSeconds),
    detectionPoint: str(p.detectionPoint),
    lastTestedAt: str(p.lastTestedAt),
    organizationId: str(p.organizationId),
  };
}

export function toThreat(r: Row): ThreatData {
  const p = r.threat as Props;
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    kind: str(p.kind),
    capability: num(p.capability),
    intent: num(p.intent),
    startsAt: strs(r.startsAt),
    targets: strs(r.targets),
    organizationId: str(p.organizationId),
  };
}
