// name: meta/graph-change-record
// purpose: Ends a write transaction: stores the new content digest and the change log entry (which entities the write touched, or full for a bulk write) that in-memory attack graphs patch themselves from; trims the log to the last $keep versions.
// params: $digest base64 string or null (null: recomputed on the next read), $ids list of entity ids, $full boolean, $keep integer
// returns: one row {version}
MATCH (m:RampartMeta {key: 'graphVersion'})
SET m.digest = $digest
CREATE (:GraphChange {version: m.value, ids: $ids, full: $full})
WITH m
CALL (m) {
  MATCH (old:GraphChange)
  WHERE old.version <= m.value - $keep
  DELETE old
}
RETURN m.value AS version
