// name: organization/counts
// purpose: Entities and relationships per organisation, each counted once: an entity under its
//          organizationId, a relationship under the organizationId of its start node. Entities
//          without organizationId (the shared threat library) make one row of their own.
// params: none
// returns: rows {organizationId (null for the shared row), name (the Organization's, or null), entities, relationships}, in organizationId order, the shared row last
MATCH (n:Entity)
WHERE n.stage IS NULL
WITH n.organizationId AS organizationId, count(n) AS entities, sum(COUNT { (n)-->() }) AS relationships
OPTIONAL MATCH (o:Entity:Organization {id: organizationId})
WHERE o.stage IS NULL
RETURN organizationId, o.name AS name, entities, relationships
ORDER BY organizationId IS NULL, organizationId
