// name: import/stated-relationship-ends
// purpose: Need-to-know before an edit: the classified ends of the relationships entity/delete-stated-relationships would delete (the same selection), so an edit that would change a node above the user's clearance is refused before any write.
// params: $items list of {id, outTypes: list, inTypes: list}, $organizationId string, $keep map from "TYPE|from|to|key" to true
// returns: rows {id, classification, levels (the end's organisation's classificationLevels or null)}, one per distinct classified end
UNWIND $items AS item
MATCH (n:Entity {id: item.id})-[r]-()
WHERE n.stage IS NULL
  AND ((startNode(r) = n AND type(r) IN item.outTypes) OR (endNode(r) = n AND type(r) IN item.inTypes))
  AND coalesce(r.organizationId, '') = coalesce($organizationId, '')
  AND $keep[type(r) + '|' + startNode(r).id + '|' + endNode(r).id + '|' + coalesce(r.key, '')] IS NULL
WITH DISTINCT r
UNWIND [startNode(r), endNode(r)] AS e
WITH DISTINCT e
WHERE e.classification IS NOT NULL
OPTIONAL MATCH (o:Organization {id: coalesce(e.organizationId, CASE WHEN e:Organization THEN e.id END)})
RETURN e.id AS id, e.classification AS classification, o.classificationLevels AS levels
