// name: schema/016-audit-seq-unique
// purpose: One audit record per place in the chain; pages and verification walk it by seq.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_audit_seq IF NOT EXISTS FOR (r:AuditRecord) REQUIRE r.seq IS UNIQUE
