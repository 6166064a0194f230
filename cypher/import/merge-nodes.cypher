// name: import/merge-nodes
// purpose: Idempotent batch upsert of entities sharing one label set: properties replaced by the file's; nothing written when the content hash and labels are unchanged.
// params: $labels list of entity labels (whitelisted in code), $rows list of {id, props: map incl. contentHash}, $now ISO date-time string
// returns: one row {merged, created, changed}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.firstSeen AS firstSeen,
     coalesce(n.contentHash = row.props.contentHash, false) AND all(l IN $labels WHERE l IN labels(n)) AS same
CALL (n, row, firstSeen, same) {
  WITH * WHERE NOT same
  SET n = row.props
  SET n:$($labels),
      n.id = row.id,
      n.firstSeen = coalesce(firstSeen, $now),
      n.lastUpdated = $now
}
RETURN count(*) AS merged,
       sum(CASE WHEN firstSeen IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN same THEN 0 ELSE 1 END) AS changed
