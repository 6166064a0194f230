// name: import/prune
// purpose: Sync: deletes the entities of one source and organisation that the file no longer contains.
// params: $source string, $organizationId string|null (null: entities of no organisation, the threat library), $keep map from entity id to true
// returns: one row {pruned}
MATCH (n:Entity {source: $source})
WHERE coalesce(n.organizationId, '') = coalesce($organizationId, '') AND $keep[n.id] IS NULL
DETACH DELETE n
RETURN count(*) AS pruned
