// name: schema/028-staged-entity-index-dropped
// purpose: Staged imports no longer write StagedEntity nodes (their entities carry a stage property instead, found through the organisation and source index): the index they used goes.
// params: none
// returns: nothing
DROP INDEX staged_entity_stage_id IF EXISTS
