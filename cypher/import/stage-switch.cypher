// name: import/stage-switch
// purpose: Part of a staged import's switch, run until it returns 0 inside one transaction: up to $limit staged entities become entities (Entity and their kind labels, stage properties removed). The unique id constraint applies here: an id created meanwhile by another write fails the switch.
// params: $stage stage id, $limit integer
// returns: one row {switched}
MATCH (n:StagedEntity)
WHERE n.stage = $stage
WITH n LIMIT $limit
SET n:Entity
SET n:$(n.stagedLabels)
REMOVE n:StagedEntity, n.stage, n.stagedLabels
RETURN count(n) AS switched
