// name: import/source-entities-after
// purpose: A streamed import's page of the entities of one source in one organisation, in id order after a given id: the ones the file does not define are the prune candidates, and their relationships may be stale.
// params: $organizationId string, $source string, $after string (the last id of the previous page; '' for the first), $limit integer
// returns: rows {id} in id order, at most $limit
MATCH (n:Entity)
WHERE n.organizationId = $organizationId AND n.source = $source AND n.id > $after AND n.stage IS NULL
RETURN n.id AS id
ORDER BY n.id
LIMIT $limit
