// name: entity/delete-stated-relationships
// purpose: After an edit, removes the relationships an entity states (the keys of its section: outgoing types, and incoming ones such as OWNS and RESPONSIBLE_FOR) that its new version no longer has, whatever their source; only its own organisation's.
// params: $items list of {id, outTypes: list, inTypes: list}, $organizationId string, $keep map from "TYPE|from|to|key" to true
// returns: one row {deleted, gone: list of [type, from id, to id, properties] of the deleted}
UNWIND $items AS item
MATCH (n:Entity {id: item.id})-[r]-()
WHERE n.stage IS NULL
  AND ((startNode(r) = n AND type(r) IN item.outTypes) OR (endNode(r) = n AND type(r) IN item.inTypes))
  AND coalesce(r.organizationId, '') = coalesce($organizationId, '')
  AND $keep[type(r) + '|' + startNode(r).id + '|' + endNode(r).id + '|' + coalesce(r.key, '')] IS NULL
WITH DISTINCT r
WITH r, [type(r), startNode(r).id, endNode(r).id, properties(r)] AS gone
DELETE r
RETURN count(r) AS deleted, collect(gone) AS gone
