// name: meta/graph-digest-lock
// purpose: Before recomputing the content digest: takes the write lock every graph write takes first, without moving the version, so no write interleaves.
// params: none
// returns: one row {version, digest}
MERGE (m:RampartMeta {key: 'graphVersion'})
SET m.value = coalesce(m.value, 0)
RETURN m.value AS version, m.digest AS digest
