// name: schema/003-entity-organization-index
// purpose: Tenant filter: every entity belongs to exactly one organisation.
// params: none
// returns: nothing
CREATE INDEX entity_organization IF NOT EXISTS FOR (n:Entity) ON (n.organizationId)
