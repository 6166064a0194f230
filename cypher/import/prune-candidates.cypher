// name: import/prune-candidates
// purpose: The entities a prune deletes (the source's entities the file no longer contains; import/prune-entities deletes them by id), for the import to lock them before it reads their content hashes: a write of one of them that commits meanwhile is then seen, and the digest loses what was really stored.
// params: $source string, $organizationId string|null (null: entities of no organisation, the threat library), $keep map from entity id to true
// returns: rows {id}
MATCH (n:Entity {source: $source})
WHERE n.stage IS NULL AND coalesce(n.organizationId, '') = coalesce($organizationId, '') AND $keep[n.id] IS NULL
RETURN n.id AS id
