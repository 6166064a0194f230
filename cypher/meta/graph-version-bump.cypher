// name: meta/graph-version-bump
// purpose: Moves the graph version inside a write transaction (imports, edits, deletes), taking the lock that orders writes, and reads the content digest under it.
// params: none
// returns: one row {version, digest: base64 multiset hash or null when it must be recomputed}
MERGE (m:RampartMeta {key: 'graphVersion'})
SET m.value = coalesce(m.value, 0) + 1
RETURN m.value AS version, m.digest AS digest
