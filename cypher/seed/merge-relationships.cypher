// name: seed/merge-relationships
// purpose: Idempotent batch upsert of relationships of one type (type checked against a whitelist in code).
// params: $type string (a relationship type), $rows list of {from, to, props: map}
// returns: one row {merged}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:$($type)]->(b)
SET r += row.props
RETURN count(r) AS merged
