// name: import/merge-relationships
// purpose: Idempotent batch upsert of relationships of one type, identified by (from, type, to, key); properties replaced by the file's.
// params: $type relationship type (whitelisted in code), $rows list of {from, to, props: map incl. key and source}
// returns: one row {merged}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$($type) {key: row.props.key}]->(b)
SET r = row.props
RETURN count(r) AS merged
