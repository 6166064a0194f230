// name: analytics/threats
// purpose: Every threat with its entry points and targets.
// params: none
// returns: rows {threat: map of its properties, startsAt: list of ids, targets: list of ids}
MATCH (t:Threat)
WHERE t.stage IS NULL
RETURN t {.*} AS threat,
       [(t)-[:STARTS_AT]->(e) | e.id] AS startsAt,
       [(t)-[:TARGETS]->(a) | a.id] AS targets
