// name: findings/GOV-2
// id: GOV-2
// title: Control without a responsible person
// severity: medium
// clause: 6.2.2.8
// purpose: Controls that are not retired and have no RESPONSIBLE_FOR person.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (c:Control)
WHERE c.stage IS NULL AND ($organizationId IS NULL OR c.organizationId = $organizationId)
  AND c.status <> 'retired' AND NOT EXISTS { (:Person)-[:RESPONSIBLE_FOR]->(c) }
RETURN c.organizationId AS organizationId, [c.id] AS nodeIds, c.name + ' has no responsible person' AS message
