// name: report/run-list
// purpose: The latest generated reports, newest first, optionally of one report name.
// params: $report string|null, $limit int
// returns: rows {run: map}
MATCH (r:ReportRun)
WHERE $report IS NULL OR r.report = $report
RETURN r {.*} AS run
ORDER BY r.generatedAt DESC, r.id DESC
LIMIT $limit
