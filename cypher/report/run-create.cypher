// name: report/run-create
// purpose: Records one generated report: when, which, with what parameters, its SHA-256 and size.
// params: $run map {id, report, format, generatedAt, parameters (JSON text), sha256, bytes, file|null, trigger}
// returns: one row {run: map}
CREATE (r:ReportRun)
SET r = $run
RETURN r {.*} AS run
