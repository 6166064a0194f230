// name: schema/014-refresh-token-family-index
// purpose: Revoking a token family (reuse detected, logout) finds its tokens by index.
// params: none
// returns: nothing
CREATE INDEX rampart_refresh_token_family IF NOT EXISTS FOR (t:RefreshToken) ON (t.family)
