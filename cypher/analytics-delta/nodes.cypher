// name: analytics-delta/nodes
// purpose: analytics/nodes for the entities an edit touched (issue 21: attack graphs patch instead of reloading).
// params: $ids list of entity ids
// returns: rows {id, name, labels (without Entity), organizationId, classification, criticality} of those that are assets or service providers
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE (n:Asset OR n:ServiceProvider) AND n.stage IS NULL
RETURN n.id AS id, coalesce(n.name, n.id) AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       n.organizationId AS organizationId, n.classification AS classification, n.criticality AS criticality
