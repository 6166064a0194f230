// name: shared-state/delete-expired
// purpose: Sweeps shared state nobody needs any more: counters whose window ended, OpenID Connect sign-ins past their time, schedule leases of due times long past; at most $limit of each per call.
// params: $now integer epoch ms, $leasesBefore integer epoch ms, $limit integer
// returns: one row {counters: integer, logins: integer, leases: integer}
CALL () {
  MATCH (c:RateLimit)
  WHERE c.expiresAt <= $now
  WITH c LIMIT $limit
  DELETE c
  RETURN count(*) AS counters
}
CALL () {
  MATCH (l:OidcLogin)
  WHERE l.expiresAt <= $now
  WITH l LIMIT $limit
  DELETE l
  RETURN count(*) AS logins
}
CALL () {
  MATCH (s:ScheduleLease)
  WHERE s.dueAt < $leasesBefore
  WITH s LIMIT $limit
  DELETE s
  RETURN count(*) AS leases
}
RETURN counters, logins, leases
