// name: analytics-delta/owned
// purpose: analytics/owned for the entities an edit touched.
// params: $ids list of entity ids
// returns: rows {id} of those a person owns
UNWIND $ids AS id
MATCH (a:Entity {id: id})
WHERE a.stage IS NULL AND EXISTS { (:Person)-[:OWNS]->(a) }
RETURN a.id AS id
