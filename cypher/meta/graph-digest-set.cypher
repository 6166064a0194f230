// name: meta/graph-digest-set
// purpose: Stores a recomputed content digest (null: forget it, e.g. after a migration rewrote content).
// params: $digest base64 string or null
// returns: one row {version}
MERGE (m:RampartMeta {key: 'graphVersion'})
SET m.digest = $digest
RETURN coalesce(m.value, 0) AS version
