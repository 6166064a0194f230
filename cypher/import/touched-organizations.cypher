// name: import/touched-organizations
// purpose: The organisations of entities written since an import (from the change log): a re-import may skip writing only if none is its own and all still exist.
// params: $ids list of entity ids
// returns: rows {id, organizationId} of the entities that exist
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
RETURN n.id AS id, n.organizationId AS organizationId
