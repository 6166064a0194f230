// name: analytics/owned
// purpose: The assets that have an owner (for coverage and findings in memory).
// params: none
// returns: rows {id}
MATCH (p:Person)-[:OWNS]->(a:Entity)
WHERE p.stage IS NULL
RETURN DISTINCT a.id AS id
