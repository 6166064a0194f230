// name: export/content-rows
// purpose: The whole organisation graph for its content hash (audit trail): one row per entity with
//          its outgoing relationships folded in, so the hash reads far fewer records than an export.
// params: none
// returns: rows {id, labels, props: map of all properties, out: list of [type, target id, relationship properties]}, in id order
MATCH (n:Entity)
WHERE n.stage IS NULL
RETURN n.id AS id, labels(n) AS labels, n {.*} AS props,
       [(n)-[r]->(m:Entity) | [type(r), m.id, r {.*}]] AS out
ORDER BY n.id
