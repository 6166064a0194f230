// name: import/delete-relationships
// purpose: A streamed import's sync: deletes the relationships it found the file no longer states, by element id from their start entity (one already gone is skipped).
// params: $rows list of {from: start entity id, eid: relationship elementId}
// returns: one row {deleted, gone: list of [type, from id, to id, properties] of the deleted}
// why expand from `from`: a seek by elementId is costed as a full scan while the database is new.
UNWIND $rows AS row
MATCH (n:Entity {id: row.from})-[r]->()
WHERE n.stage IS NULL AND elementId(r) = row.eid
WITH DISTINCT r
WITH r, [type(r), startNode(r).id, endNode(r).id, properties(r)] AS gone
DELETE r
RETURN count(r) AS deleted, collect(gone) AS gone
