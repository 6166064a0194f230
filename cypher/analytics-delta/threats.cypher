// name: analytics-delta/threats
// purpose: analytics/threats for the entities an edit touched.
// params: $ids list of entity ids
// returns: rows {threat: all properties, startsAt: list of ids, targets: list of ids} of those that are threats
UNWIND $ids AS id
MATCH (t:Entity {id: id})
WHERE t:Threat AND t.stage IS NULL
RETURN t {.*} AS threat,
       [(t)-[:STARTS_AT]->(e) | e.id] AS startsAt,
       [(t)-[:TARGETS]->(a) | a.id] AS targets
