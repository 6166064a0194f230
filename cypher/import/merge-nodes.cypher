// name: import/merge-nodes
// purpose: Idempotent batch upsert of entities sharing one label set: properties replaced by the file's; nothing written when the content hash and labels are unchanged, except the source when another file of the organisation now states the entity (moved).
// params: $labels list of entity labels (whitelisted in code), $rows list of {id, props: map incl. contentHash and source}, $now ISO date-time string
// returns: one row {merged, created, changed, moved, hashes: list of [id, content hash before or null] of the created and changed, held: ids an unfinished staged import holds (left untouched; the caller refuses the write)}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.stage IS NULL AS visible, n.firstSeen AS firstSeen, n.contentHash AS before,
     coalesce(n.contentHash = row.props.contentHash, false) AND all(l IN $labels WHERE l IN labels(n)) AS same
WITH n, row, visible, firstSeen, before, same OR NOT visible AS same,
     visible AND same AND coalesce(n.source, '') <> coalesce(row.props.source, '') AS moved
CALL (n, row, firstSeen, same) {
  WITH * WHERE NOT same
  SET n = row.props
  SET n:$($labels),
      n.id = row.id,
      n.firstSeen = coalesce(firstSeen, $now),
      n.lastUpdated = $now
}
CALL (n, row, moved) {
  WITH * WHERE moved
  SET n.source = row.props.source
}
RETURN count(*) AS merged,
       sum(CASE WHEN firstSeen IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN same THEN 0 ELSE 1 END) AS changed,
       sum(CASE WHEN moved THEN 1 ELSE 0 END) AS moved,
       collect(CASE WHEN NOT same THEN [row.id, before] END) AS hashes,
       collect(CASE WHEN NOT visible THEN row.id END) AS held
