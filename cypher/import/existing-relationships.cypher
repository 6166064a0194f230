// name: import/existing-relationships
// purpose: The relationships of the given types that already leave the given entities, so the import can tell updates from creations and skip unchanged ones.
// params: $ids list of entity ids (the `from` ends of the file's relationships), $types list of relationship types
// returns: rows {type, from, to, key, eid, props} (eid: the relationship's elementId, valid inside this transaction)
// why: MERGE between two bound nodes is planned as a scan of all relationships on a new database
// (and as an expansion of the busier node inside a big transaction): quadratic on a first import.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]->(b)
WHERE a.stage IS NULL AND type(r) IN $types
RETURN type(r) AS type, a.id AS from, b.id AS to, coalesce(r.key, '') AS key, elementId(r) AS eid, properties(r) AS props
