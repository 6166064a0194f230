// name: findings/PER-5
// id: PER-5
// title: Third-party personnel reach a critical asset and their provider has no security clauses
// severity: high
// clause: 6.2.2.9
// purpose: Members of a service provider without contractual security clauses who have access to a critical asset.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (p:Person)-[:MEMBER_OF]->(sp:ServiceProvider)
WHERE p.stage IS NULL AND ($organizationId IS NULL OR p.organizationId = $organizationId)
  AND coalesce(sp.contractHasSecurityClauses, false) = false
MATCH (p)-[:HAS_ACCESS]->(a:Asset)
WHERE a.criticality >= coalesce($settings[a.organizationId].criticalThreshold, 4)
WITH p, sp, a ORDER BY a.id
WITH p, sp, collect(DISTINCT a.id) AS assets
RETURN p.organizationId AS organizationId, [p.id, sp.id] + assets AS nodeIds,
       p.name + ' of ' + sp.name + ' (no security clauses) has access to critical ' + reduce(s = '', t IN assets | s + CASE s WHEN '' THEN '' ELSE ', ' END + t) AS message
