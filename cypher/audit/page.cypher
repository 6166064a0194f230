// name: audit/page
// purpose: Audit records newest first, filtered, one page after a cursor (a seq).
// params: $before seq to page below (null: from the newest), $first page size + 1, $action, $actor, $since, $until (null: any), $organizationIds (the reader's organisations: records about them only; null: all)
// returns: rows {record: map of properties} in descending seq
MATCH (r:AuditRecord)
WHERE ($before IS NULL OR r.seq < $before)
  AND ($action IS NULL OR r.action = $action)
  AND ($actor IS NULL OR r.actor = $actor)
  AND ($since IS NULL OR r.at >= $since)
  AND ($until IS NULL OR r.at <= $until)
  AND ($organizationIds IS NULL OR
       (size(coalesce(r.organizations, [])) > 0 AND all(o IN r.organizations WHERE o IN $organizationIds)))
RETURN r {.*} AS record
ORDER BY r.seq DESC
LIMIT $first
