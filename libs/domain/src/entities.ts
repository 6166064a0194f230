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
}

/** Confidentiality, integrity, availability impact, each 1-5. */
export interface BusinessImpact {
  confidentiality: number;
  integrity: number;
  availability: number;
}

export interface Asset {
  id: string;
  name: string;
  organizationId: string;
  labels: string[];
  kind: import('./labels').AssetKind;
  description?: string;
  classification?: string;
  businessImpact?: BusinessImpact;
  criticality: number;
}

/** analytics.md §2: max of the three impact scores; 1 (not assessed) without them. */
export function criticalityOf(impact?: Partial<BusinessImpact> | null): number {
  const scores = [impact?.confidentiality, impact?.integrity, impact?.availability].filter(
    (s): s is number => typeof s === 'number',
  );
  return scores.length ? Math.max(...scores) : 1;
}
