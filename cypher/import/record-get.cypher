// name: import/record-get
// purpose: The last import written for an (organisation, source, prune) key: the hash of its rows and the graph version it left, with the current version.
// params: $key string
// returns: one row {hash: string or null, version: integer or null, current: integer or null}
OPTIONAL MATCH (r:ImportRecord {key: $key})
OPTIONAL MATCH (m:RampartMeta {key: 'graphVersion'})
RETURN r.hash AS hash, r.version AS version, m.value AS current
