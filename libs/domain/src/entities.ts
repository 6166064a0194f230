export type RiskLevel = 'low' | 'medium' | 'high' | 'extreme';

export interface ResponseForce {
  timeSeconds: number;
  stdDevSeconds: number;
  communicationProbability: number;
}

export interface Organization {
  id: string;
  name: string;
  description?: string;
  classification?: string;
  riskTolerance?: RiskLevel;
  reviewIntervalDays?: number;
  criticalThreshold?: number;
  responseForce?: ResponseForce;
  classificationLevels?: string[];
  /** Days between vettings, by clearance level. */
  vettingIntervalDays?: Record<string, number>;
}

/** Confidentiality, integrity, availability impact, each 1-5. */
export interface BusinessImpact {
  confidentiality: number;
  integrity: number;
  availability: number;
}

/** docs/spec/analytics.md §2: max of the three impact scores; 1 (not assessed) without them. */
export function criticalityOf(impact?: Partial<BusinessImpact> | null): number {
  const scores = [impact?.confidentiality, impact?.integrity, impact?.availability].filter(
    (s): s is number => typeof s === 'number',
  );
  return scores.length ? Math.max(...scores) : 1;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** An organisation's flat stored properties (responseForce flattened) in the domain shape. */
export function organizationFromProps(p: Record<string, unknown>): Organization {
  const rf = num(p.responseForceTimeSeconds);
  return {
    vettingIntervalDays: parseIntervals(p.vettingIntervalDays),
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

/** vettingIntervalDays is stored as JSON text (Neo4j stores no maps). */
function parseIntervals(v: unknown): Record<string, number> | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const parsed = JSON.parse(v) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).filter(([, n]) => typeof n === 'number')) as Record<
      string,
      number
    >;
  } catch {
    return undefined;
  }
}
