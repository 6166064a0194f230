// name: meta/schema-version-set
// purpose: Records the schema version after the schema statements ran.
// params: $version integer
// returns: one row {version}
MERGE (m:RampartMeta {key: 'schema'})
SET m.version = $version, m.appliedAt = datetime()
RETURN m.version AS version
