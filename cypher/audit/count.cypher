// name: audit/count
// purpose: How many audit records match a filter (the total of auditLog).
// params: $action, $actor, $since, $until (null: any), $organizationIds (as audit/page)
// returns: one row {total}
MATCH (r:AuditRecord)
WHERE ($action IS NULL OR r.action = $action)
  AND ($actor IS NULL OR r.actor = $actor)
  AND ($since IS NULL OR r.at >= $since)
  AND ($until IS NULL OR r.at <= $until)
  AND ($organizationIds IS NULL OR
       (size(coalesce(r.organizations, [])) > 0 AND all(o IN r.organizations WHERE o IN $organizationIds)))
RETURN count(r) AS total
