// name: findings/GOV-1
// id: GOV-1
// title: Asset without owner
// severity: medium
// clause: 3.1, 6.1
// purpose: Assets (people excepted: they are not owned) that no person owns.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (a:Asset)
WHERE a.stage IS NULL AND ($organizationId IS NULL OR a.organizationId = $organizationId)
  AND NOT a:Person AND NOT EXISTS { (:Person)-[:OWNS]->(a) }
RETURN a.organizationId AS organizationId, [a.id] AS nodeIds, a.name + ' has no owner' AS message
