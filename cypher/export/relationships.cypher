// name: export/relationships
// purpose: The relationships touching the exported entities (the caller keeps those whose defining side is exported).
// params: $organizationId string|null, $organizationIds list|null (both ends in the reader's organisations or the threat library; null: all), $source string|null
// returns: rows {type, from, to, props: map}, ordered by type, from, to, key
MATCH (a:Entity)-[r]->(b:Entity)
WHERE a.stage IS NULL
  AND ($organizationId IS NULL OR a.organizationId = $organizationId OR b.organizationId = $organizationId)
  AND ($source IS NULL OR a.source = $source OR b.source = $source)
  AND ($organizationIds IS NULL OR
       ((a.organizationId IS NULL OR a.organizationId IN $organizationIds) AND
        (b.organizationId IS NULL OR b.organizationId IN $organizationIds)))
RETURN type(r) AS type, a.id AS from, b.id AS to, r {.*} AS props
ORDER BY type, from, to, coalesce(r.key, '')
