// name: import/update-relationships
// purpose: Replaces the properties of changed relationships found by import/existing-relationships in the same transaction.
// params: $rows list of {from: entity id, eid: relationship elementId, props: map incl. key and source}
// returns: one row {updated}
// why expand from `from`: a seek by elementId is costed as a full scan while the database is new.
UNWIND $rows AS row
MATCH (n:Entity {id: row.from})-[r]->()
WHERE n.stage IS NULL AND elementId(r) = row.eid
SET r = row.props
RETURN count(r) AS updated
