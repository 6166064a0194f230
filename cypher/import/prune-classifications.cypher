// name: import/prune-classifications
// purpose: Need-to-know before a prune: the classifications of the entities import/prune would delete (the same selection), counted by level, so an import above the user's clearance is refused without naming them.
// params: $source string, $organizationId string|null (null: entities of no organisation, the threat library), $keep map from entity id to true
// returns: rows {classification, count}, one per classification held by those entities (unclassified ones are left out)
MATCH (n:Entity {source: $source})
WHERE n.stage IS NULL AND coalesce(n.organizationId, '') = coalesce($organizationId, '') AND $keep[n.id] IS NULL
  AND n.classification IS NOT NULL
RETURN n.classification AS classification, count(*) AS count
