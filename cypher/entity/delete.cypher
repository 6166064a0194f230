// name: entity/delete
// purpose: Deletes one entity and its relationships (the caller has checked that nothing requires it).
// params: $id entity id
// returns: one row {deleted, relationships, hash: its content hash, rels: list of [type, from id, to id, properties]} (0, 0, null, [] when the id is unknown)
OPTIONAL MATCH (n:Entity {id: $id})
WHERE n.stage IS NULL
WITH n, n.contentHash AS hash,
     CASE WHEN n IS NULL THEN [] ELSE [(n)-[r]-() | [type(r), startNode(r).id, endNode(r).id, properties(r)]] END AS rels
DETACH DELETE n
RETURN CASE WHEN n IS NULL THEN 0 ELSE 1 END AS deleted, size(rels) AS relationships, hash, rels
