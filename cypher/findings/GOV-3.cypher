// name: findings/GOV-3
// id: GOV-3
// title: No RSE appointed, or RSE not in top management
// severity: high
// clause: 6.1
// purpose: Organisations without a responsible security executive, and RSEs who are not members of a top-management org unit.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (o:Organization)
WHERE o.stage IS NULL AND ($organizationId IS NULL OR o.id = $organizationId)
OPTIONAL MATCH (p:Person)-[r:HOLDS_ROLE]->(o) WHERE toUpper(r.role) = 'RSE'
WITH o, collect(p) AS rses
CALL (o, rses) {
  WITH o, rses WHERE size(rses) = 0
  RETURN [o.id] AS nodeIds, o.name + ' has no responsible security executive (RSE) appointed' AS message
  UNION
  WITH rses UNWIND rses AS p
  WITH p WHERE NOT EXISTS { (p)-[:MEMBER_OF]->(:OrgUnit {topManagement: true}) }
  RETURN [p.id] AS nodeIds, p.name + ' holds the RSE role but is not in top management' AS message
}
RETURN o.id AS organizationId, nodeIds, message
