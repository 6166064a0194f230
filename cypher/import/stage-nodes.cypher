// name: import/stage-nodes
// purpose: Writes entities of a staged import as StagedEntity nodes (no Entity or kind label, so no reader sees them), filling ends that a relationship created bare earlier.
// params: $stage stage id, $labels list of the entities' labels (whitelisted in code; applied at the switch), $rows list of {id, props: map incl. contentHash and source}, $now ISO date-time string
// returns: one row {staged}
UNWIND $rows AS row
MERGE (n:StagedEntity {stage: $stage, id: row.id})
SET n = row.props
SET n.stage = $stage,
    n.id = row.id,
    n.stagedLabels = $labels,
    n.firstSeen = $now,
    n.lastUpdated = $now
RETURN count(n) AS staged
