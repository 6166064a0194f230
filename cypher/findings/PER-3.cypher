// name: findings/PER-3
// id: PER-3
// title: Access to classified information without a recorded justification
// severity: medium
// clause: 8.2.2
// purpose: Need-to-know: access to Information classified above the lowest level with no justification recorded.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (p:Person)-[r:HAS_ACCESS]->(i:Information)
WHERE p.stage IS NULL AND ($organizationId IS NULL OR p.organizationId = $organizationId)
  AND i.classification IS NOT NULL AND trim(coalesce(r.justification, '')) = ''
WITH p, i, r, $settings[p.organizationId].classificationRanks AS ranks
WHERE coalesce(ranks[i.classification], 0) > 0
RETURN p.organizationId AS organizationId, [p.id, i.id] AS nodeIds,
       p.name + ' has ' + r.mode + ' access to ' + i.name + ' (' + i.classification + ') with no justification' AS message
