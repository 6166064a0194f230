// name: schema/013-refresh-token-hash-unique
// purpose: A refresh token is found by its SHA-256, and each is stored once.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_refresh_token_hash_unique IF NOT EXISTS FOR (t:RefreshToken) REQUIRE t.hash IS UNIQUE
