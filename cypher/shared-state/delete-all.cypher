// name: shared-state/delete-all
// purpose: Removes every counter, pending OpenID Connect sign-in and schedule lease (tests, which share one database, start from none).
// params: none
// returns: one row {deleted: integer}
MATCH (n)
WHERE n:RateLimit OR n:OidcLogin OR n:ScheduleLease
DELETE n
RETURN count(*) AS deleted
