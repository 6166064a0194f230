// name: graph/delete-all
// purpose: Removes every entity and its relationships (tests and explicit resets only); bookkeeping nodes stay.
// params: none
// returns: one row {deleted}
MATCH (n:Entity)
DETACH DELETE n
RETURN count(*) AS deleted
