// name: import/create-relationships
// purpose: Creates relationships of one type that import/existing-relationships did not find.
// params: $type relationship type (whitelisted in code), $rows list of {from, to, props: map incl. key and source}
// returns: one row {created}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
WHERE a.stage IS NULL
MATCH (b:Entity {id: row.to})
WHERE b.stage IS NULL
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
RETURN count(r) AS created
