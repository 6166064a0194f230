// name: entity/get
// purpose: Entities by id (any kind, the organisation included).
// params: $ids list of entity ids
// returns: rows {entity: map of its properties plus labels}, in no particular order; missing ids give no row
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
RETURN n {.*, labels: labels(n)} AS entity
