// name: asset/page
// purpose: One page of assets in id order (cursor pagination), optionally of one organisation.
// params: $organizationId string|null, $afterId string|null (exclusive), $limit integer (page size + 1)
// returns: rows {asset: map of its properties plus labels}
MATCH (a:Asset)
WHERE ($organizationId IS NULL OR a.organizationId = $organizationId)
  AND ($afterId IS NULL OR a.id > $afterId)
RETURN a {.*, labels: labels(a)} AS asset
ORDER BY a.id
LIMIT $limit
