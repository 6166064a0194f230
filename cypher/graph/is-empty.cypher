// name: graph/is-empty
// purpose: Whether the organisation graph holds no entity yet (then the demo may be loaded).
// params: none
// returns: one row {empty: boolean}
RETURN NOT EXISTS { MATCH (n:Entity) WHERE n.stage IS NULL } AS empty
