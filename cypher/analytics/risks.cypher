// name: analytics/risks
// purpose: The risk register: every Risk with its threat and asset, for residual risk (docs/spec/analytics.md §6).
// params: none
// returns: rows {risk: map of its properties, threatId, assetId}
MATCH (r:Risk)-[:OF_THREAT]->(t:Threat), (r)-[:TO_ASSET]->(a:Entity)
WHERE r.stage IS NULL
RETURN r {.*} AS risk, t.id AS threatId, a.id AS assetId
