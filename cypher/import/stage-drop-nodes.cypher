// name: import/stage-drop-nodes
// purpose: Deletes up to $limit entities of a stage with what relationships they still have (a failed or abandoned staged import is removed in bounded transactions).
// params: $stage stage id, $organizationId, $source (the stage marker's), $limit integer
// returns: one row {dropped}
MATCH (n:Entity)
WHERE n.organizationId = $organizationId AND n.source = $source AND n.stage = $stage
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS dropped
