// name: schema/015-refresh-token-user-index
// purpose: Revoking an account's tokens (disabled, password changed) finds them by index.
// params: none
// returns: nothing
CREATE INDEX rampart_refresh_token_user IF NOT EXISTS FOR (t:RefreshToken) ON (t.userId)
