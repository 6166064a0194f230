// name: findings/INF-2
// id: INF-2
// title: Information stored on a system accredited for a lower classification
// severity: high
// clause: 8.2.1
// purpose: Information whose classification ranks above the maxClassification of a system it is stored on.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (i:Information)-[:STORED_ON]->(s:System)
WHERE i.stage IS NULL AND ($organizationId IS NULL OR i.organizationId = $organizationId)
  AND i.classification IS NOT NULL AND s.maxClassification IS NOT NULL
WITH i, s, $settings[i.organizationId].classificationRanks AS ranks
WHERE ranks[i.classification] > ranks[s.maxClassification]
RETURN i.organizationId AS organizationId, [i.id, s.id] AS nodeIds,
       i.name + ' (' + i.classification + ') is stored on ' + s.name + ', accredited to ' + s.maxClassification AS message
