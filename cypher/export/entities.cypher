// name: export/entities
// purpose: The entities an export covers: one organisation or all, optionally one source, in id order.
// params: $organizationId string|null, $organizationIds list|null (the reader's organisations; null: all; the threat library always), $source string|null
// returns: rows {labels, props: map of all properties}
MATCH (n:Entity)
WHERE n.stage IS NULL
  AND ($organizationId IS NULL OR n.organizationId = $organizationId)
  AND ($organizationIds IS NULL OR n.organizationId IS NULL OR n.organizationId IN $organizationIds)
  AND ($source IS NULL OR n.source = $source)
RETURN labels(n) AS labels, n {.*} AS props
ORDER BY n.id
