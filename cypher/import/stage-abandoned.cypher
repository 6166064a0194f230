// name: import/stage-abandoned
// purpose: Stages whose importer stopped renewing the heartbeat (killed, or lost its database connection), and stages left claimed for dropping: what a staged import clears before it starts.
// params: $staleBefore ISO date-time string
// returns: rows {stage, organizationId, source, dropping: whether a drop had claimed it}
MATCH (s:ImportStage)
WHERE s.switching IS NULL AND (s.dropping = true OR s.heartbeat < $staleBefore)
RETURN s.id AS stage, s.organizationId AS organizationId, s.source AS source, coalesce(s.dropping, false) AS dropping
ORDER BY s.startedAt
