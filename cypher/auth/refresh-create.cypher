// name: auth/refresh-create
// purpose: Stores a refresh token by its SHA-256 (never the token itself), in its rotation family; born revoked when its sign-in has ended meanwhile (a refresh racing a sign-out).
// params: $token map {hash, family, userId, issuedAt, expiresAt}
// returns: one row {hash: string}
CREATE (t:RefreshToken)
SET t = $token,
    t.revoked = EXISTS { MATCH (:RefreshToken {family: $token.family, revoked: true}) }
RETURN t.hash AS hash
