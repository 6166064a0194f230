// name: import/delete-stale-relationships
// purpose: Sync: removes relationships an earlier import of the same organisation and source made that the file no longer states; nothing of another organisation or of the shared threat library.
// params: $source string, $organizationId string|null (null: the shared threat library), $ids list of entity ids the file touches, $keep map from "TYPE|from|to|key" to true
// returns: one row {deleted, gone: list of [type, from id, to id, properties] of the deleted}
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
WITH r, [type(r), startNode(r).id, endNode(r).id, properties(r)] AS gone
DELETE r
RETURN count(r) AS deleted, collect(gone) AS gone
