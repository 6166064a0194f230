// name: analytics-delta/risks
// purpose: analytics/risks for the entities an edit touched.
// params: $ids list of entity ids
// returns: rows {risk: all properties, threatId, assetId} of those that are risk entries
UNWIND $ids AS id
MATCH (r:Entity {id: id})
WHERE r:Risk AND r.stage IS NULL
MATCH (r)-[:OF_THREAT]->(t:Threat), (r)-[:TO_ASSET]->(a:Entity)
RETURN r {.*} AS risk, t.id AS threatId, a.id AS assetId
