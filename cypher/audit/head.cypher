// name: audit/head
// purpose: The end of the audit chain as last appended (verify compares the records with it).
// params: none
// returns: zero or one row {seq, hash}
MATCH (h:AuditHead {id: 'audit'})
RETURN h.seq AS seq, h.hash AS hash
