// name: schema/007-control-status-index
// purpose: Controls in force (implemented, degraded) are selected by status on every path query.
// params: none
// returns: nothing
CREATE INDEX control_status IF NOT EXISTS FOR (n:Control) ON (n.status)
