// name: schema/002-meta-key-unique
// purpose: Rampart's own bookkeeping nodes (schema version) live outside the organisation graph.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_meta_key_unique IF NOT EXISTS FOR (m:RampartMeta) REQUIRE m.key IS UNIQUE
