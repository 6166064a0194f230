// name: asset/count
// purpose: How many assets a paged listing covers in all.
// params: $organizationId string|null
// returns: one row {total}
MATCH (a:Asset)
WHERE $organizationId IS NULL OR a.organizationId = $organizationId
RETURN count(a) AS total
