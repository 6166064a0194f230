// name: schema/028-staged-entity-stage-id-index
// purpose: A staged import (a first import written in many transactions, invisible until it switches) finds the staged entities of its stage by id when it links them.
// params: none
// returns: nothing
CREATE INDEX staged_entity_stage_id IF NOT EXISTS FOR (n:StagedEntity) ON (n.stage, n.id)
