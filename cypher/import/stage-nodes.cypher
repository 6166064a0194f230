// name: import/stage-nodes
// purpose: Writes entities of a staged import with their labels and a stage property, which every reader filters out (x.stage IS NULL) until the switch removes it; fills ends a relationship created bare earlier. An id that exists outside this stage (created meanwhile, or another stage's) is left untouched and reported.
// params: $stage stage id, $labels list of the entities' labels (whitelisted in code), $rows list of {id, props: map incl. contentHash, organizationId and source}, $now ISO date-time string
// returns: one row {staged, held: ids that exist outside this stage (the caller refuses the import)}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n.stage = $stage
WITH n, row, coalesce(n.stage = $stage, false) AS ours
CALL (n, row, ours) {
  WITH * WHERE ours
  SET n = row.props
  SET n:$($labels),
      n.stage = $stage,
      n.id = row.id,
      n.firstSeen = $now,
      n.lastUpdated = $now
}
RETURN count(n) AS staged, collect(CASE WHEN NOT ours THEN row.id END) AS held
