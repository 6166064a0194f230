// name: organization/list
// purpose: Every organisation (tenant) in the graph, in id order.
// params: none
// returns: rows {organization: map of its properties}
MATCH (o:Organization)
WHERE o.stage IS NULL
RETURN o {.*} AS organization
ORDER BY o.id
