// name: analytics/owned
// purpose: The assets that have an owner (for coverage and findings in memory).
// params: none
// returns: rows {id}
MATCH (:Person)-[:OWNS]->(a:Entity)
RETURN DISTINCT a.id AS id
