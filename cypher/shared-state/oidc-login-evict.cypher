// name: shared-state/oidc-login-evict
// purpose: Makes room when too many OpenID Connect sign-ins are pending (anonymous calls to the login route): the ones expiring first go.
// params: $excess integer (how many to delete)
// returns: one row {evicted: integer}
MATCH (l:OidcLogin)
WHERE l.expiresAt IS NOT NULL
WITH l ORDER BY l.expiresAt
LIMIT $excess
DELETE l
RETURN count(*) AS evicted
