// name: import/prune
// purpose: Sync: deletes the entities of one source and organisation that the file no longer contains.
// params: $source string, $organizationId string|null (null: entities of no organisation, the threat library), $keep map from entity id to true
// returns: one row {pruned, nodes: list of [id, content hash], rels: list of lists of [type, from id, to id, properties] (a relationship between two pruned entities appears twice)}
MATCH (n:Entity {source: $source})
WHERE coalesce(n.organizationId, '') = coalesce($organizationId, '') AND $keep[n.id] IS NULL
WITH n, [n.id, n.contentHash] AS node, [(n)-[r]-() | [type(r), startNode(r).id, endNode(r).id, properties(r)]] AS rels
DETACH DELETE n
RETURN count(*) AS pruned, collect(node) AS nodes, collect(rels) AS rels
