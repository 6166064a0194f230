// name: auth/refresh-create
// purpose: Stores a refresh token by its SHA-256 (never the token itself), in its rotation family.
// params: $token map {hash, family, userId, issuedAt, expiresAt}
// returns: one row {hash: string}
CREATE (t:RefreshToken)
SET t = $token, t.revoked = false
RETURN t.hash AS hash
