// name: findings/GOV-4
// id: GOV-4
// title: Control not tested within the review interval
// severity: medium
// clause: 6.2.2.8
// purpose: Controls in force (implemented or degraded) never tested, or last tested more than the review interval before asOf.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (c:Control)
WHERE c.stage IS NULL AND ($organizationId IS NULL OR c.organizationId = $organizationId) AND c.status IN ['implemented', 'degraded']
WITH c, coalesce($settings[c.organizationId].reviewIntervalDays, 365) AS interval
WHERE c.lastTestedAt IS NULL OR date(left(c.lastTestedAt, 10)) + duration({days: interval}) < date($asOf)
RETURN c.organizationId AS organizationId, [c.id] AS nodeIds,
       c.name + ' was ' + coalesce('last tested on ' + c.lastTestedAt, 'never tested') + ' (interval ' + toString(interval) + ' days)' AS message
