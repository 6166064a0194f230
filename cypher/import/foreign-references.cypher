// name: import/foreign-references
// purpose: Before a prune: the relationships of other organisations (or of the threat library) that touch the entities a prune with these options would delete (import/prune-candidates, the same selection), so the prune is refused instead of deleting what another organisation stated.
// params: $source string, $organizationId string|null (null: the threat library), $keep map from entity id to true
// returns: rows {organizationId (the relationship's, null for the library), relationships, examples: up to 5 "from TYPE to" texts}
MATCH (n:Entity {source: $source})
WHERE n.stage IS NULL AND coalesce(n.organizationId, '') = coalesce($organizationId, '') AND $keep[n.id] IS NULL
MATCH (n)-[r]-()
WHERE coalesce(r.organizationId, '') <> coalesce($organizationId, '')
WITH DISTINCT r
WITH r.organizationId AS organizationId, r ORDER BY startNode(r).id, type(r), endNode(r).id
RETURN organizationId, count(r) AS relationships,
       collect(startNode(r).id + ' ' + type(r) + ' ' + endNode(r).id)[..5] AS examples
ORDER BY organizationId
