// name: organization/get
// purpose: One organisation by id.
// params: $id string
// returns: one row {organization: map of its properties}, or no row
MATCH (o:Entity:Organization {id: $id})
WHERE o.stage IS NULL
RETURN o {.*} AS organization
