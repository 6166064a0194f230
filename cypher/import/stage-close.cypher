// name: import/stage-close
// purpose: Removes a stage's marker, after its entities were switched in or dropped.
// params: $stage stage id
// returns: one row {closed}
OPTIONAL MATCH (s:ImportStage {id: $stage})
DELETE s
RETURN count(s) AS closed
