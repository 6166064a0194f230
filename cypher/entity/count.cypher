// name: entity/count
// purpose: How many entities of one kind match the filters of entity/page (its totalCount).
// params: $label, $exclude, $organizationId, $organizationIds, $source, $search, $filters, $hidden as in entity/page
// returns: one row {total}
MATCH (n:$($label))
WHERE n.stage IS NULL
  AND ($organizationId IS NULL OR n.organizationId = $organizationId)
  AND ($organizationIds IS NULL OR n.organizationId IS NULL OR n.organizationId IN $organizationIds)
  AND ($source IS NULL OR n.source = $source)
  AND none(l IN $exclude WHERE l IN labels(n))
  AND NOT n.id IN $hidden
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
RETURN count(n) AS total
