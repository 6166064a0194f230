// name: report/run-by-file
// purpose: The record of the report last written to one file (whose clearance it was generated with); a later run with the same name overwrote the file, so the latest record describes it.
// params: $file string (the full path generateToDir wrote)
// returns: zero or one row {run: map}
MATCH (r:ReportRun {file: $file})
RETURN r {.*} AS run
ORDER BY r.generatedAt DESC, r.id DESC
LIMIT 1
