// name: schema/017-entity-organization-source-index
// purpose: Sync is scoped to (organisation, source): stale relationships and prunes start from the entities of one source in one organisation.
// params: none
// returns: nothing
CREATE INDEX entity_organization_source IF NOT EXISTS FOR (n:Entity) ON (n.organizationId, n.source)
