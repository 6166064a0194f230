// name: import/foreign-references-on
// purpose: Before a prune (either write path): the relationships of other organisations (or of the threat library) that touch the given entities (those the prune would delete), so the prune is refused instead of deleting what another organisation stated.
// params: $ids list of entity ids, $organizationId string|null (null: the threat library)
// returns: rows {organizationId (the relationship's, null for the library), relationships, examples: up to 5 "from TYPE to" texts}
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-()
WHERE n.stage IS NULL AND coalesce(r.organizationId, '') <> coalesce($organizationId, '')
WITH DISTINCT r
WITH r.organizationId AS organizationId, r ORDER BY startNode(r).id, type(r), endNode(r).id
RETURN organizationId, count(r) AS relationships,
       collect(startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id)[..5] AS examples
ORDER BY organizationId
