// name: entity/snapshot
// purpose: Some entities with every relationship touching them, in the shape of export/entities and export/relationships, so an edit can rebuild their native items.
// params: $ids list of entity ids
// returns: one row {entities: list of {labels, props}, relationships: list of {type, from, to, props}}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
WITH collect(n) AS nodes
CALL (nodes) {
  UNWIND nodes AS n
  MATCH (n)-[r]-(:Entity)
  WITH DISTINCT r
  RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)}) AS relationships
}
RETURN [n IN nodes | {labels: labels(n), props: properties(n)}] AS entities, relationships
