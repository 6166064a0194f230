// name: graph/delete-all
// purpose: Removes every entity and its relationships (tests and explicit resets only), staged imports included (their importer stops at its next batch); other bookkeeping nodes stay.
// params: none
// returns: one row {deleted: the entities deleted}
MATCH (n)
WHERE n:Entity OR n:StagedEntity OR n:ImportStage
WITH n, n:Entity AS entity
DETACH DELETE n
RETURN sum(CASE WHEN entity THEN 1 ELSE 0 END) AS deleted
