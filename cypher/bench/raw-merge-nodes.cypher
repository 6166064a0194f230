// name: bench/raw-merge-nodes
// purpose: The minimal hand-written loader the import is compared with (bench/raw-loader.ts): a batch of entities of one label set, MERGE on id and properties set, nothing else.
// params: $labels list of labels, $rows list of {id, props}
// returns: one row {merged}
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props
SET n:$($labels)
RETURN count(n) AS merged
