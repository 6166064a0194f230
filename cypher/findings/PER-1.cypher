// name: findings/PER-1
// id: PER-1
// title: Separated person still holds access
// severity: high
// clause: 7.2.4
// purpose: People separated on or before asOf who still hold access (no end date, or one after asOf).
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (p:Person {status: 'separated'})-[r:HAS_ACCESS]->(y:Entity)
WHERE p.stage IS NULL AND ($organizationId IS NULL OR p.organizationId = $organizationId)
  AND (p.separatedAt IS NULL OR date(left(p.separatedAt, 10)) <= date($asOf))
  AND (r.until IS NULL OR date(left(r.until, 10)) > date($asOf))
WITH p, y ORDER BY y.id
WITH p, collect(DISTINCT y.id) AS targets
RETURN p.organizationId AS organizationId, [p.id] + targets AS nodeIds,
       p.name + ' was separated' + coalesce(' on ' + p.separatedAt, '') + ' but still has access to ' + reduce(s = '', t IN targets | s + CASE s WHEN '' THEN '' ELSE ', ' END + t) AS message
