// name: analytics/depends-on
// purpose: Every DEPENDS_ON relationship, so dependency chains of controls can be followed transitively.
// params: none
// returns: rows {from, to}
MATCH (a:Entity)-[:DEPENDS_ON]->(b:Entity)
WHERE a.stage IS NULL
RETURN a.id AS from, b.id AS to
