// name: analytics-delta/depends-on
// purpose: analytics/depends-on restricted to the DEPENDS_ON relationships touching the entities an edit touched.
// params: $ids list of entity ids
// returns: rows {from, to}
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:DEPENDS_ON]-(:Entity)
WHERE n.stage IS NULL
WITH DISTINCT r
RETURN startNode(r).id AS from, endNode(r).id AS to
