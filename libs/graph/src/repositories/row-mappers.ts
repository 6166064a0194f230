import { Asset, BusinessImpact, Organization, RiskLevel, assetKindOf, criticalityOf } from '@rampart/domain';

// Rows arrive as plain maps (see neo4j-value.mapper); these give them their domain shape.
type Props = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function toOrganization(p: Props): Organization {
  const rf = num(p.responseForceTimeSeconds);
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    description: str(p.description),
    classification: str(p.classification),
    riskTolerance: str(p.riskTolerance) as RiskLevel | undefined,
    reviewIntervalDays: num(p.reviewIntervalDays),
    criticalThreshold: num(p.criticalThreshold),
    classificationLevels: Array.isArray(p.classificationLevels)
      ? p.classificationLevels.map(String)
      : undefined,
    responseForce:
      rf === undefined
        ? undefined
        : {
            timeSeconds: rf,
            stdDevSeconds: num(p.responseForceStdDevSeconds) ?? 0,
            communicationProbability: num(p.responseForceCommunicationProbability) ?? 1,
          },
  };
}

export function toAsset(p: Props): Asset {
  const labels = Array.isArray(p.labels) ? p.labels.map(String) : [];
  const c = num(p.impactConfidentiality);
  const i = num(p.impactIntegrity);
  const a = num(p.impactAvailability);
  const businessImpact: BusinessImpact | undefined =
    c === undefined && i === undefined && a === undefined
      ? undefined
      : { confidentiality: c ?? 1, integrity: i ?? 1, availability: a ?? 1 };
  return {
    id: String(p.id),
    name: String(p.name ?? p.id),
    organizationId: String(p.organizationId ?? ''),
    labels: labels.filter((l) => l !== 'Entity'),
    kind: assetKindOf(labels),
    description: str(p.description),
    classification: str(p.classification),
    businessImpact,
    criticality: num(p.criticality) ?? criticalityOf(businessImpact),
  };
}
