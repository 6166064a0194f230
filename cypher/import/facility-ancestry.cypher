// name: import/facility-ancestry
// purpose: The existing LOCATED_IN chains above the given facilities, to find cycles an import would close.
// params: $ids list of facility ids
// returns: rows {child, parent}, one per LOCATED_IN step above those facilities
UNWIND $ids AS id
MATCH (f:Facility {id: id})
WHERE f.stage IS NULL
MATCH p = (f)-[:LOCATED_IN*1..50]->(:Facility)
UNWIND relationships(p) AS r
RETURN DISTINCT startNode(r).id AS child, endNode(r).id AS parent
