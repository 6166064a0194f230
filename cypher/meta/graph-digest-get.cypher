// name: meta/graph-digest-get
// purpose: The graph version and its content digest (the audit trail's graph hash), one read.
// params: none
// returns: zero or one row {version, digest: base64 or null}
MATCH (m:RampartMeta {key: 'graphVersion'})
RETURN m.value AS version, m.digest AS digest
