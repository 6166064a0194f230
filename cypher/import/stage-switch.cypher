// name: import/stage-switch
// purpose: A staged import's switch: its entities lose the stage property, so every reader sees all of them at once (one transaction, with the digest and the import record). Removing one unindexed property is the smallest change per entity a transaction can make (docs/performance.md).
// params: $stage stage id, $organizationId, $source
// returns: one row {switched}
MATCH (n:Entity)
WHERE n.organizationId = $organizationId AND n.source = $source AND n.stage = $stage
REMOVE n.stage
RETURN count(n) AS switched
