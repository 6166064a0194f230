// name: entity/dependents
// purpose: What stops a delete: entities that cannot exist without the given one (a risk needs its threat and its asset), and relationships another organisation states to it (a delete never removes what another organisation stated).
// params: $id entity id
// returns: rows {id, labels, via (the relationship type), organizationId (set when the relationship is another organisation's)}
MATCH (n:Entity {id: $id})-[r]-(d:Entity)
WHERE n.stage IS NULL
WITH n, r, d, coalesce(r.organizationId, '') <> coalesce(n.organizationId, '') AS foreign
WHERE foreign OR (type(r) IN ['OF_THREAT', 'TO_ASSET'] AND endNode(r) = n)
RETURN DISTINCT d.id AS id, labels(d) AS labels, type(r) AS via,
       CASE WHEN foreign THEN coalesce(r.organizationId, 'the threat library') END AS organizationId
ORDER BY id, via
