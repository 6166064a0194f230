// name: export/entities
// purpose: The entities an export covers: one organisation or all, optionally one source, in id order.
// params: $organizationId string|null, $source string|null
// returns: rows {labels, props: map of all properties}
MATCH (n:Entity)
WHERE ($organizationId IS NULL OR n.organizationId = $organizationId)
  AND ($source IS NULL OR n.source = $source)
RETURN labels(n) AS labels, n {.*} AS props
ORDER BY n.id
