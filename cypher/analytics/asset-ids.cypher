// name: analytics/asset-ids
// purpose: The ids of the assets of one organisation (or all), critical ones first, for organisation-wide coverage.
// params: $organizationId string|null
// returns: rows {id, criticality}
MATCH (a:Asset)
WHERE $organizationId IS NULL OR a.organizationId = $organizationId
RETURN a.id AS id, coalesce(a.criticality, 1) AS criticality
ORDER BY criticality DESC, id
