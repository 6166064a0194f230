// name: import/organization-exists
// purpose: A staged import's switch checks that its organisation still exists (staged or stored), so an organisation deleted while its import was staged does not come back half-made.
// params: $organizationId
// returns: one row {exists: boolean}
RETURN EXISTS { MATCH (o:Organization {id: $organizationId}) WHERE o.stage IS NULL } AS exists
