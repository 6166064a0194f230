// name: bench/shortest-path
// purpose: Baseline for the benchmark only: a plain Cypher shortestPath between an entry point and an asset along the base relationships, directions and controls ignored.
// params: $from entity id, $to entity id
// returns: zero or one row {hops}
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:HAS_ACCESS|STORED_ON|HOSTED_IN|LOCATED_IN|CONNECTS_TO|DEPENDS_ON|MEMBER_OF*..8]-(b))
RETURN length(p) AS hops
