// name: redaction/classified-nodes
// purpose: Every node that carries a classification, with the levels of its organisation, so need-to-know redaction can tell whom it is hidden from (docs/spec/analytics.md §8).
// params: none
// returns: rows {id, name, labels, classification, levels (the organisation's classificationLevels or null)}
MATCH (n)
WHERE (n:Entity OR n:Organization) AND n.stage IS NULL AND n.classification IS NOT NULL
OPTIONAL MATCH (o:Organization {id: coalesce(n.organizationId, CASE WHEN n:Organization THEN n.id END)})
RETURN n.id AS id, coalesce(n.name, n.id) AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       n.classification AS classification, o.classificationLevels AS levels
