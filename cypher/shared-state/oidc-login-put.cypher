// name: shared-state/oidc-login-put
// purpose: Records an OpenID Connect sign-in started at the provider, so that whichever API instance the browser comes back to can finish it.
// params: $login map {state string, nonce string, codeVerifier string, bindingHash string (SHA-256 hex of the browser's cookie), expiresAt integer epoch ms}
// returns: one row {state: string}
CREATE (l:OidcLogin)
SET l = $login
RETURN l.state AS state
