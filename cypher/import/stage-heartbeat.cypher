// name: import/stage-heartbeat
// purpose: First statement of each staged batch: renews the stage's heartbeat and takes its marker's lock, so a janitor that claimed the stage (dropping) stops the importer instead of racing it.
// params: $stage stage id, $now ISO date-time string
// returns: one row {alive: 1 when the stage is still the importer's, 0 when it was dropped or claimed}
OPTIONAL MATCH (s:ImportStage {id: $stage})
WHERE s.dropping IS NULL
SET s.heartbeat = $now
RETURN count(s) AS alive
