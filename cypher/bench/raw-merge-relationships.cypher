// name: bench/raw-merge-relationships
// purpose: The minimal hand-written loader's relationships (bench/raw-loader.ts): a batch of one type, both ends matched by id, MERGE with the key, properties set.
// params: $type relationship type, $rows list of {from, to, key, props}
// returns: one row {merged}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$($type) {key: row.key}]->(b)
SET r += row.props
RETURN count(r) AS merged
