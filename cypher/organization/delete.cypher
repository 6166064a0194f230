// name: organization/delete
// purpose: Deletes every entity of one organisation and every relationship touching them (the caller has read organization/deletion-plan in the same transaction).
// params: $id organisation id
// returns: one row {entities}
MATCH (n:Entity {organizationId: $id})
DETACH DELETE n
RETURN count(*) AS entities
