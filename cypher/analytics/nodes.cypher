// name: analytics/nodes
// purpose: The nodes attack paths can cross or start from (assets, service providers), with what the analytics report about them.
// params: none
// returns: rows {id, name, labels, organizationId, classification, criticality}
MATCH (n:Entity)
WHERE (n:Asset OR n:ServiceProvider) AND n.stage IS NULL
RETURN n.id AS id, coalesce(n.name, n.id) AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       n.organizationId AS organizationId, n.classification AS classification, n.criticality AS criticality
