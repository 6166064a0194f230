// name: health/ping
// purpose: Readiness: proves the configured database answers a read.
// params: none
// returns: one row {ok: 1}
RETURN 1 AS ok
