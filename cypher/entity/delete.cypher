// name: entity/delete
// purpose: Deletes one entity and its relationships (the caller has checked that nothing requires it).
// params: $id entity id
// returns: one row {deleted, relationships} (0, 0 when the id is unknown)
OPTIONAL MATCH (n:Entity {id: $id})
WITH n, CASE WHEN n IS NULL THEN 0 ELSE COUNT { (n)--() } END AS relationships
DETACH DELETE n
RETURN CASE WHEN n IS NULL THEN 0 ELSE 1 END AS deleted, relationships
