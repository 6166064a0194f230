// name: import/source-relationships-on
// purpose: A streamed import's stale-relationship check: the relationships of one source in one organisation that touch the given entities, for the importer to delete those the file no longer states. The importer asks about every stored entity of the source and every one the file names, so a relationship whose start is of the source is found from its start alone (half the rows).
// params: $ids list of entity ids, $organizationId string, $source string
// returns: rows {eid (elementId, valid inside this transaction), type, from, to, key}; a relationship may come twice (from two chunks)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
CALL (n) {
  MATCH (n)-[r]->()
  WHERE r.source = $source AND r.organizationId = $organizationId
  RETURN r
  UNION
  MATCH (a)-[r]->(n)
  WHERE r.source = $source AND r.organizationId = $organizationId
    AND NOT coalesce(a.source = $source AND a.organizationId = $organizationId, false)
  RETURN r
}
RETURN elementId(r) AS eid, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, coalesce(r.key, '') AS key
