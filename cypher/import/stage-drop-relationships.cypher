// name: import/stage-drop-relationships
// purpose: Deletes up to $limit relationships of a stage's entities (a failed or abandoned staged import is removed in bounded transactions: relationships first, so no transaction deletes a hub's thousands of relationships with it).
// params: $stage stage id, $organizationId, $source (the stage marker's), $limit integer
// returns: one row {dropped}
MATCH (n:Entity)-[r]->()
WHERE n.organizationId = $organizationId AND n.source = $source AND n.stage = $stage
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS dropped
