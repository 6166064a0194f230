// name: analytics-delta/step-relationships
// purpose: The relationships attack steps come from (analytics/attack-steps) that touch the entities an edit touched, with the labels of both ends, for the steps to be derived from them.
// params: $ids list of entity ids
// returns: rows {type, from, fromLabels, to, toLabels, mode} (from/to: the relationship's start and end)
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r:HAS_ACCESS|STORED_ON|HOSTED_IN|LOCATED_IN|CONNECTS_TO|DEPENDS_ON|MEMBER_OF]-(:Entity)
WHERE n.stage IS NULL
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN type(r) AS type, a.id AS from, labels(a) AS fromLabels, b.id AS to, labels(b) AS toLabels, r.mode AS mode
