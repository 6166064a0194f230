// name: import/merge-nodes
// purpose: Idempotent batch upsert of entities sharing one label set: properties replaced by the file's, lastUpdated moved only when the content hash changed.
// params: $labels list of entity labels (whitelisted in code), $rows list of {id, props: map incl. contentHash}, $now ISO date-time string
// returns: one row {merged, created, changed}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.firstSeen AS firstSeen, n.lastUpdated AS lastUpdated, coalesce(n.contentHash = row.props.contentHash, false) AS same
SET n = row.props
SET n:$($labels),
    n.id = row.id,
    n.firstSeen = coalesce(firstSeen, $now),
    n.lastUpdated = CASE WHEN same THEN lastUpdated ELSE $now END
RETURN count(*) AS merged,
       sum(CASE WHEN firstSeen IS NULL THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN same THEN 0 ELSE 1 END) AS changed
