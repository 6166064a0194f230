// name: findings/INF-1
// id: INF-1
// title: Information asset without classification
// severity: medium
// clause: 8.2.1
// purpose: Information assets with no classification.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (i:Information)
WHERE i.stage IS NULL AND ($organizationId IS NULL OR i.organizationId = $organizationId) AND i.classification IS NULL
RETURN i.organizationId AS organizationId, [i.id] AS nodeIds, i.name + ' has no classification' AS message
