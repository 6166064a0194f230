// name: findings/PHY-1
// id: PHY-1
// title: System holding critical information in a facility chain with no physical control
// severity: high
// clause: 10
// purpose: Systems storing critical information, hosted in a facility, where no physical control in force protects the system or any facility of its chain (the facility and those it is located in).
// params: $organizationId string|null (null: every organisation), $asOf ISO date, $settings map from organisation id to {reviewIntervalDays, vettingIntervalDays: map, criticalThreshold, riskTolerance, classificationLevels, classificationRanks: map level -> its index in classificationLevels, riskLevels: 25 levels by (L-1)*5+(C-1), riskRanks: map level -> rank}
// returns: rows {organizationId, nodeIds: list (the flagged node first), message}
MATCH (i:Information)-[:STORED_ON]->(s:System)-[:HOSTED_IN]->(f:Facility)
WHERE s.stage IS NULL AND ($organizationId IS NULL OR s.organizationId = $organizationId)
  AND i.criticality >= coalesce($settings[i.organizationId].criticalThreshold, 4)
WITH s, f, i ORDER BY i.id
WITH s, f, collect(DISTINCT i.id) AS infos
MATCH chain = (f)-[:LOCATED_IN*0..]->(top:Facility)
WHERE NOT (top)-[:LOCATED_IN]->()
WITH s, infos, nodes(chain) AS facilities
WHERE NONE(x IN [s] + facilities WHERE EXISTS {
  MATCH (x)<-[:PROTECTS]-(c:Control)
  WHERE c.status IN ['implemented', 'degraded'] AND 'physical' IN c.domains
})
RETURN s.organizationId AS organizationId, [s.id] + infos AS nodeIds,
       s.name + ' holds critical information and no physical control protects it or ' + reduce(x = '', t IN facilities | x + CASE x WHEN '' THEN '' ELSE ' < ' END + t.id) AS message
