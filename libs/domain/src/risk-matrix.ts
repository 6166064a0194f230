import { RiskLevel } from './entities';

export const RISK_LEVEL_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, extreme: 3 };

/**
 * The default 5x5 matrix (docs/spec/analytics.md §6), by the product L x C: up to 4 low, 5-9 medium,
 * 10-16 high, 20 and 25 extreme. Index (L - 1) * 5 + (C - 1).
 */
export const DEFAULT_RISK_MATRIX: readonly RiskLevel[] = Array.from({ length: 25 }, (_, i) => {
  const score = (Math.floor(i / 5) + 1) * ((i % 5) + 1);
  return score <= 4 ? 'low' : score <= 9 ? 'medium' : score <= 16 ? 'high' : 'extreme';
});

export function riskLevel(likelihood: number, consequence: number, matrix = DEFAULT_RISK_MATRIX): RiskLevel {
  const clamp = (n: number) => Math.min(5, Math.max(1, Math.round(n)));
  return matrix[(clamp(likelihood) - 1) * 5 + (clamp(consequence) - 1)];
}
