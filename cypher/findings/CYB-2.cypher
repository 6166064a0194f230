// name: findings/CYB-2
// id: CYB-2
// title: System holding critical information with no detecting cyber control
// severity: high
// clause: 9.1
// purpose: Systems storing critical information that no cyber control in force with the detect function protects.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (i:Information)-[:STORED_ON]->(s:System)
WHERE s.stage IS NULL AND ($organizationId IS NULL OR s.organizationId = $organizationId)
  AND i.criticality >= coalesce($settings[i.organizationId].criticalThreshold, 4)
  AND NOT EXISTS {
    MATCH (c:Control)-[:PROTECTS]->(s)
    WHERE c.status IN ['implemented', 'degraded'] AND 'cyber' IN c.domains AND 'detect' IN coalesce(c.functions, [])
  }
WITH s, i ORDER BY i.id
WITH s, collect(DISTINCT i.id) AS infos
RETURN s.organizationId AS organizationId, [s.id] + infos AS nodeIds,
       s.name + ' holds critical information (' + reduce(x = '', t IN infos | x + CASE x WHEN '' THEN '' ELSE ', ' END + t) + ') and no cyber control detects on it' AS message
