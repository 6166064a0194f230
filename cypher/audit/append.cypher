// name: audit/append
// purpose: Appends one sealed record (after audit/head-lock in the same transaction) and moves the head.
// params: $record map of the record's properties (counts as a JSON string)
// returns: one row {seq}
MATCH (h:AuditHead {id: 'audit'})
CREATE (r:AuditRecord)
SET r = $record, h.seq = $record.seq, h.hash = $record.hash
RETURN r.seq AS seq
