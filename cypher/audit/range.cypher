// name: audit/range
// purpose: Audit records in chain order after a seq, for verification in pages.
// params: $after seq to start after, $limit page size
// returns: rows {record: map of properties} in ascending seq
MATCH (r:AuditRecord)
WHERE r.seq > $after
RETURN r {.*} AS record
ORDER BY r.seq
LIMIT $limit
