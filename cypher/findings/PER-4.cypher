// name: findings/PER-4
// id: PER-4
// title: Vetting older than the interval for the person's clearance
// severity: medium
// clause: 7.2.3
// purpose: People not separated whose clearance has a vetting interval and whose last vetting is older than it (or missing) as of asOf.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (p:Person)
WHERE p.stage IS NULL AND ($organizationId IS NULL OR p.organizationId = $organizationId)
  AND coalesce(p.status, 'active') <> 'separated' AND p.clearance IS NOT NULL
WITH p, $settings[p.organizationId].vettingIntervalDays[p.clearance] AS interval
WHERE interval IS NOT NULL
  AND (p.lastVettedAt IS NULL OR date(left(p.lastVettedAt, 10)) + duration({days: interval}) < date($asOf))
RETURN p.organizationId AS organizationId, [p.id] AS nodeIds,
       p.name + ' holds ' + p.clearance + ' but was ' + coalesce('last vetted on ' + p.lastVettedAt, 'never vetted') + ' (interval ' + toString(interval) + ' days)' AS message
