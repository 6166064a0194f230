// name: schema/027-entity-organization-source-id-index
// purpose: A streamed import pages through the entities of one source in one organisation in id order (those the file no longer defines are pruned, their relationships checked for staleness): the index gives them sorted, page after page, without sorting the source again per page.
// params: none
// returns: nothing
CREATE INDEX entity_organization_source_id IF NOT EXISTS FOR (n:Entity) ON (n.organizationId, n.source, n.id)
