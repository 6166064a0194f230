// name: import/stage-claim
// purpose: Claims a stage for its end: the switch (the importer, state 'switching') or a drop (the importer after a failure, or a janitor for a stage whose heartbeat is older than $staleBefore). Taking the marker's lock orders the claim after any batch in flight.
// params: $stage stage id, $state 'switching' or 'dropping', $staleBefore ISO date-time string or null (null: the importer's own stage, whatever its heartbeat)
// returns: one row {claimed: 1 or 0}
OPTIONAL MATCH (s:ImportStage {id: $stage})
WHERE s.dropping IS NULL AND s.switching IS NULL AND ($staleBefore IS NULL OR s.heartbeat < $staleBefore)
CALL (s) {
  WITH s WHERE s IS NOT NULL AND $state = 'switching'
  SET s.switching = true
}
CALL (s) {
  WITH s WHERE s IS NOT NULL AND $state = 'dropping'
  SET s.dropping = true
}
RETURN count(s) AS claimed
