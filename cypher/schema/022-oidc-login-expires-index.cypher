// name: schema/022-oidc-login-expires-index
// purpose: Expired OpenID Connect sign-ins are swept, and the oldest evicted when too many are pending, by index.
// params: none
// returns: nothing
CREATE INDEX rampart_oidc_login_expires IF NOT EXISTS FOR (l:OidcLogin) ON (l.expiresAt)
