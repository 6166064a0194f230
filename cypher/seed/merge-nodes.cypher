// name: seed/merge-nodes
// purpose: Idempotent batch upsert of entities sharing one label set (labels checked against a whitelist in code).
// params: $labels list of entity labels, $rows list of {id, props: map}
// returns: one row {merged}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props, n:$($labels)
RETURN count(n) AS merged
