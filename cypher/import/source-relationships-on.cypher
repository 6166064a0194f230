// name: import/source-relationships-on
// purpose: A streamed import's stale-relationship check: the relationships of one source in one organisation that touch the given entities (either end), for the importer to delete those the file no longer states.
// params: $ids list of entity ids, $organizationId string, $source string
// returns: rows {eid (elementId, valid inside this transaction), type, from, to, key}, each relationship once
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-()
WHERE r.source = $source AND r.organizationId = $organizationId
WITH DISTINCT r
RETURN elementId(r) AS eid, type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, coalesce(r.key, '') AS key
