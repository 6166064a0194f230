// name: import/stage-restate-relationships
// purpose: A relationship the file states a second time (same type, ends and key): its properties become the later statement's, as in a single-transaction import.
// params: $stage stage id, $type relationship type, $rows list of {from, to, props: map incl. key and source}
// returns: rows {from, to, before: the properties replaced}
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE a.stage = $stage AND b.stage = $stage
  AND type(r) = $type AND coalesce(r.key, '') = coalesce(row.props.key, '')
WITH row, r, properties(r) AS before
SET r = row.props
RETURN row.from AS from, row.to AS to, before
