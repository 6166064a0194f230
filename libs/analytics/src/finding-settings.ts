import { DEFAULT_RISK_MATRIX, DomainError, Organization, RISK_LEVEL_RANK } from '@rampart/domain';

/** Organisation settings as the findings rules read them: `$settings[organizationId].…`. */
export function findingSettings(orgs: Organization[]): Record<string, unknown> {
  return Object.fromEntries(
    orgs.map((o) => [
      o.id,
      {
        reviewIntervalDays: o.reviewIntervalDays ?? 365,
        vettingIntervalDays: o.vettingIntervalDays ?? {},
        criticalThreshold: o.criticalThreshold ?? 4,
        riskTolerance: o.riskTolerance ?? 'medium',
        classificationLevels: o.classificationLevels ?? [],
        // Each level's index, so a rule compares two levels with two lookups (issue 21).
        classificationRanks: Object.fromEntries((o.classificationLevels ?? []).map((l, i) => [l, i])),
        riskLevels: [...DEFAULT_RISK_MATRIX],
        riskRanks: { ...RISK_LEVEL_RANK },
      },
    ]),
  );
}

/** Today as an ISO date (UTC), or the given date checked. */
export function asOfDate(asOf?: string | null, now = new Date()): string {
  if (asOf === undefined || asOf === null) return now.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
    throw new DomainError('VALIDATION_FAILED', `asOf must be an ISO date such as 2026-11-23; got "${asOf}".`);
  }
  return asOf;
}
