// name: schema/018-refresh-token-family-revoked-index
// purpose: Every request checks that its access token's sign-in (refresh-token family) was not signed out: one index seek.
// params: none
// returns: nothing
CREATE INDEX rampart_refresh_token_family_revoked IF NOT EXISTS FOR (t:RefreshToken) ON (t.family, t.revoked)
