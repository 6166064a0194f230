// name: schema/029-import-stage-id-unique
// purpose: One marker node per staged import: its heartbeat tells an abandoned stage (a killed importer) from a running one.
// params: none
// returns: nothing
CREATE CONSTRAINT import_stage_id_unique IF NOT EXISTS FOR (s:ImportStage) REQUIRE s.id IS UNIQUE
