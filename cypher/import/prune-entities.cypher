// name: import/prune-entities
// purpose: Sync: deletes the given entities of one source and organisation (those the file no longer contains) with their relationships; both write paths.
// params: $ids list of entity ids, $organizationId string|null (null: entities of no organisation, the threat library), $source string (an entity no longer of them is left alone)
// returns: one row {pruned, nodes: list of [id, content hash], rels: list of lists of [type, from id, to id, properties] (a relationship between two pruned entities appears twice)}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL AND coalesce(n.organizationId, '') = coalesce($organizationId, '') AND n.source = $source
WITH n, [n.id, n.contentHash] AS node, [(n)-[r]-() | [type(r), startNode(r).id, endNode(r).id, properties(r)]] AS rels
DETACH DELETE n
RETURN count(*) AS pruned, collect(node) AS nodes, collect(rels) AS rels
