// name: findings/PER-2
// id: PER-2
// title: Access to information classified above the person's clearance
// severity: high
// clause: 8.2.2
// purpose: People with access to Information whose classification ranks above their clearance (no clearance ranks lowest).
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (p:Person)-[:HAS_ACCESS]->(i:Information)
WHERE p.stage IS NULL AND ($organizationId IS NULL OR p.organizationId = $organizationId) AND i.classification IS NOT NULL
WITH p, i, $settings[p.organizationId].classificationRanks AS ranks
// A level the organisation does not define ranks nowhere (null): never flagged; no clearance ranks lowest.
WHERE ranks[i.classification] > coalesce(ranks[p.clearance], 0)
WITH p, i ORDER BY i.id
WITH p, collect(DISTINCT i.id) AS infos
RETURN p.organizationId AS organizationId, [p.id] + infos AS nodeIds,
       p.name + ' (clearance ' + coalesce(p.clearance, 'none') + ') has access to information classified above it: ' + reduce(s = '', t IN infos | s + CASE s WHEN '' THEN '' ELSE ', ' END + t) AS message
