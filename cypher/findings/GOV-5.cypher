// name: findings/GOV-5
// id: GOV-5
// title: Risk above tolerance without treatment
// severity: high
// clause: 6.2.2.4
// purpose: Register entries whose level (recorded likelihood, else the threat's round((capability + intent) / 2); recorded consequence, else the asset's criticality) ranks above the organisation's tolerance and that have no treatment.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (r:Risk)-[:OF_THREAT]->(t:Threat), (r)-[:TO_ASSET]->(a:Asset)
WHERE r.stage IS NULL AND ($organizationId IS NULL OR r.organizationId = $organizationId) AND r.treatment IS NULL
WITH r, t, a, $settings[r.organizationId] AS s,
     coalesce(r.likelihood, toInteger(round((coalesce(t.capability, 3) + coalesce(t.intent, 3)) / 2.0))) AS l,
     coalesce(r.consequence, a.criticality, 1) AS c
WITH r, t, a, s, l, c, s.riskLevels[(l - 1) * 5 + (c - 1)] AS level
WHERE s.riskRanks[level] > s.riskRanks[coalesce(s.riskTolerance, 'medium')]
RETURN r.organizationId AS organizationId, [r.id, t.id, a.id] AS nodeIds,
       'Risk ' + r.id + ' (' + t.name + ' against ' + a.name + ', L' + toString(l) + ' x C' + toString(c) + ' = ' + level + ') is above the tolerance (' + coalesce(s.riskTolerance, 'medium') + ') with no treatment' AS message
