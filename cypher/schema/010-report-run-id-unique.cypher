// name: schema/010-report-run-id-unique
// purpose: Every generated report is recorded once (ReportRun: bookkeeping, outside the organisation graph).
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_report_run_id_unique IF NOT EXISTS FOR (r:ReportRun) REQUIRE r.id IS UNIQUE
