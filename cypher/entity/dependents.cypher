// name: entity/dependents
// purpose: Entities that cannot exist without the given one (a risk needs its threat and its asset), so a delete can be refused with their ids.
// params: $id entity id
// returns: rows {id, labels, via} (via: the relationship type)
MATCH (d:Entity)-[r:OF_THREAT|TO_ASSET]->(:Entity {id: $id})
RETURN d.id AS id, labels(d) AS labels, type(r) AS via
ORDER BY d.id
