// name: schema/026-import-record-key-unique
// purpose: One record per (organisation, source, prune) of the last import written, so a re-import of the same file can be recognised without comparing the graph row by row (issue 21).
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_import_record_key IF NOT EXISTS FOR (r:ImportRecord) REQUIRE r.key IS UNIQUE
