// name: schema/004-entity-source-index
// purpose: Sync imports and exports select entities by the file (source) that created them.
// params: none
// returns: nothing
CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.source)
