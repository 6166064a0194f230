// name: import/record-set
// purpose: At the end of an import's transaction: remembers the hash of its rows and the graph version it leaves.
// params: $key string, $hash string, $version integer
// returns: one row {key}
MERGE (r:ImportRecord {key: $key})
SET r.hash = $hash, r.version = $version
RETURN r.key AS key
