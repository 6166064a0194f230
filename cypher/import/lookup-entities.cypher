// name: import/lookup-entities
// purpose: What the graph already knows of the ids an import file defines or references (labels, organisation, classification for need-to-know).
// params: $ids list of entity ids
// returns: rows {id, labels, organizationId, classification} for the ids that exist
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
RETURN n.id AS id, labels(n) AS labels, n.organizationId AS organizationId, n.classification AS classification
