// name: import/stage-drop-nodes
// purpose: Deletes up to $limit staged entities of a stage with their relationships (a failed or abandoned staged import is removed in bounded transactions).
// params: $stage stage id, $limit integer
// returns: one row {dropped}
MATCH (n:StagedEntity)
WHERE n.stage = $stage
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS dropped
