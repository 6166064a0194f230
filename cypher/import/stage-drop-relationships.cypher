// name: import/stage-drop-relationships
// purpose: Deletes up to $limit relationships of a stage's entities (a failed or abandoned staged import is removed in bounded transactions: relationships first, so no transaction deletes a hub's thousands of relationships with it).
// params: $stage stage id, $limit integer
// returns: one row {dropped}
MATCH (n:StagedEntity)-[r]->()
WHERE n.stage = $stage
WITH r LIMIT $limit
DELETE r
RETURN count(*) AS dropped
