// name: analytics-delta/controls
// purpose: analytics/controls for the entities an edit touched.
// params: $ids list of entity ids
// returns: rows {control: all properties, protects: list of ids, dependsOn: list of ids} of those that are controls
UNWIND $ids AS id
MATCH (c:Entity {id: id})
WHERE c:Control AND c.stage IS NULL
RETURN c {.*} AS control,
       [(c)-[:PROTECTS]->(a) | a.id] AS protects,
       [(c)-[:DEPENDS_ON]->(d) | d.id] AS dependsOn
