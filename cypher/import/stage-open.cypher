// name: import/stage-open
// purpose: Opens a staged import: the marker whose heartbeat each batch renews (a stage whose heartbeat stops is dropped by the next staged import).
// params: $stage stage id (random), $organizationId, $source, $now ISO date-time string
// returns: one row {stage}
CREATE (s:ImportStage {id: $stage, organizationId: $organizationId, source: $source, startedAt: $now, heartbeat: $now})
RETURN s.id AS stage
