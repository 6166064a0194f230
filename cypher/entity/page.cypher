// name: entity/page
// purpose: One page of entities of one kind in id order (cursor pagination), filtered.
// params: $label entity label (whitelisted in code), $exclude list of labels the entity must not carry, $organizationId string|null, $organizationIds list|null (the reader's organisations; null: all; entities of none, the threat library, always), $source string|null, $search lower-case text|null (in id or name), $filters list of {key, op: eq|in|has|gte|lte, value} (keys whitelisted in code), $hidden ids above the reader's clearance (left out, need-to-know), $afterId string|null (exclusive), $limit integer (page size + 1)
// returns: rows {entity: map of its properties plus labels}
MATCH (n:$($label))
WHERE n.stage IS NULL
  AND ($organizationId IS NULL OR n.organizationId = $organizationId)
  AND ($organizationIds IS NULL OR n.organizationId IS NULL OR n.organizationId IN $organizationIds)
  AND ($source IS NULL OR n.source = $source)
  AND none(l IN $exclude WHERE l IN labels(n))
  AND NOT n.id IN $hidden
  AND ($afterId IS NULL OR n.id > $afterId)
  AND ($search IS NULL OR toLower(n.id) CONTAINS $search OR toLower(coalesce(n.name, '')) CONTAINS $search)
  AND all(f IN $filters WHERE
    CASE f.op
      WHEN 'eq' THEN n[f.key] = f.value
      WHEN 'in' THEN n[f.key] IN f.value
      WHEN 'has' THEN f.value IN coalesce(n[f.key], [])
      WHEN 'gte' THEN n[f.key] >= f.value
      WHEN 'lte' THEN n[f.key] <= f.value
      ELSE false
    END)
RETURN n {.*, labels: labels(n)} AS entity
ORDER BY n.id
LIMIT $limit
