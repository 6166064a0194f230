// name: meta/graph-version-get
// purpose: The graph version: a counter every write to the organisation graph moves, so in-memory analytics know when to reload.
// params: none
// returns: zero or one row {version}
MATCH (m:RampartMeta {key: 'graphVersion'})
RETURN m.value AS version
