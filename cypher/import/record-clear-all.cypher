// name: import/record-clear-all
// purpose: After a migration rewrote content outside the change log: forgets every import record, so the next re-import of any file compares row by row.
// params: none
// returns: one row {cleared}
OPTIONAL MATCH (r:ImportRecord)
DELETE r
RETURN count(r) AS cleared
