// name: meta/graph-version-bump
// purpose: Moves the graph version inside a write transaction (imports, edits, deletes).
// params: none
// returns: one row {version}
MERGE (m:RampartMeta {key: 'graphVersion'})
SET m.value = coalesce(m.value, 0) + 1
RETURN m.value AS version
