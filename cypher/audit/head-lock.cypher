// name: audit/head-lock
// purpose: The end of the audit chain, write-locked so appends are serialised (one chain, no forks).
// params: $genesis the previous hash of the first record
// returns: one row {seq, hash}: the last record's seq (0 when none) and hash
MERGE (h:AuditHead {id: 'audit'})
  ON CREATE SET h.seq = 0, h.hash = $genesis
SET h.locked = true
REMOVE h.locked
RETURN h.seq AS seq, h.hash AS hash
