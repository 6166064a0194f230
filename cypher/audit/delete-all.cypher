// name: audit/delete-all
// purpose: Removes the whole audit trail (tests only: a product never deletes its trail).
// params: none
// returns: one row {deleted}
OPTIONAL MATCH (n)
WHERE n:AuditRecord OR n:AuditHead
DETACH DELETE n
RETURN count(n) AS deleted
