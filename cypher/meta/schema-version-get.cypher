// name: meta/schema-version-get
// purpose: The schema version last applied to this database.
// params: none
// returns: one row {version, appliedAt} or no row when the schema was never applied
MATCH (m:RampartMeta {key: 'schema'})
RETURN m.version AS version, m.appliedAt AS appliedAt
