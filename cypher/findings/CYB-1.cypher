// name: findings/CYB-1
// id: CYB-1
// title: System not authorised to operate, or authorisation expired
// severity: medium
// clause: 9.1
// purpose: Systems with no authorisation to operate, or one that ended before asOf.
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (s:System)
WHERE s.stage IS NULL AND ($organizationId IS NULL OR s.organizationId = $organizationId)
  AND (s.authorizedToOperateUntil IS NULL OR date(left(s.authorizedToOperateUntil, 10)) < date($asOf))
RETURN s.organizationId AS organizationId, [s.id] AS nodeIds,
       s.name + CASE WHEN s.authorizedToOperateUntil IS NULL THEN ' is not authorised to operate' ELSE "'s authorisation to operate expired on " + s.authorizedToOperateUntil END AS message
