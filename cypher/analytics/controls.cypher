// name: analytics/controls
// purpose: Every control with what it protects and depends on, for barriers, cut sets and EASI.
// params: none
// returns: rows {control: map of its properties, protects: list of ids, dependsOn: list of ids}
MATCH (c:Control)
WHERE c.stage IS NULL
RETURN c {.*} AS control,
       [(c)-[:PROTECTS]->(a) | a.id] AS protects,
       [(c)-[:DEPENDS_ON]->(d) | d.id] AS dependsOn
