// name: schema/021-oidc-login-state-unique
// purpose: A pending OpenID Connect sign-in is found by its state, on any instance, and each state is stored once.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_oidc_login_state_unique IF NOT EXISTS FOR (l:OidcLogin) REQUIRE l.state IS UNIQUE
