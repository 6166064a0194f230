// name: shared-state/oidc-login-count
// purpose: How many OpenID Connect sign-ins are pending (started, not yet expired and swept), to keep them under a bound.
// params: none
// returns: one row {pending: integer}
MATCH (l:OidcLogin)
RETURN count(l) AS pending
