// name: entity/relationships
// purpose: The relationships of some entities with the entity at the other end, for navigation in the API.
// params: $ids list of entity ids, $types list of relationship types (empty: all; whitelisted in code), $direction OUT|IN|BOTH, $organizationIds list|null (the reader's organisations: others' entities left out; null: all), $limit integer per entity
// returns: rows {id, relationships: list of {type, direction, props, other: map of the other entity's properties plus labels}} sorted by type then other id
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
CALL (n) {
  MATCH (n)-[r]-(m:Entity)
  WHERE (size($types) = 0 OR type(r) IN $types)
    AND ($organizationIds IS NULL OR m.organizationId IS NULL OR m.organizationId IN $organizationIds)
    AND ($direction = 'BOTH' OR ($direction = 'OUT') = (startNode(r) = n))
  WITH r, m, CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END AS direction
  ORDER BY type(r), m.id, direction
  LIMIT $limit
  RETURN collect({type: type(r), direction: direction, props: properties(r),
                  other: m {.*, labels: labels(m)}}) AS relationships
}
RETURN id, relationships
