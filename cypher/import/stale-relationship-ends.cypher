// name: import/stale-relationship-ends
// purpose: Need-to-know before the sync: the classified ends of the relationships import/delete-stale-relationships would delete (the same selection), so an import that would change a node above the user's clearance is refused before any write.
// params: $source string, $organizationId string|null, $ids list of entity ids the file touches, $keep map from "TYPE|from|to|key" to true
// returns: rows {id, classification, levels (the end's organisation's classificationLevels or null)}, one per distinct classified end
CALL {
  MATCH (n:Entity {source: $source})
  WHERE n.stage IS NULL AND coalesce(n.organizationId, '') = coalesce($organizationId, '')
  RETURN n
  UNION
  UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n.stage IS NULL RETURN n
}
MATCH (n)-[r]-()
WHERE r.source = $source
  AND coalesce(r.organizationId, '') = coalesce($organizationId, '')
  AND $keep[type(r) + '|' + startNode(r).id + '|' + endNode(r).id + '|' + coalesce(r.key, '')] IS NULL
WITH DISTINCT r
UNWIND [startNode(r), endNode(r)] AS e
WITH DISTINCT e
WHERE e.classification IS NOT NULL
OPTIONAL MATCH (o:Organization {id: coalesce(e.organizationId, CASE WHEN e:Organization THEN e.id END)})
RETURN e.id AS id, e.classification AS classification, o.classificationLevels AS levels
