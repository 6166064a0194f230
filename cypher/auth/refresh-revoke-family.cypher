// name: auth/refresh-revoke-family
// purpose: Revokes every refresh token of a family (logout, or a spent token presented again: a stolen token in use).
// params: $family string, $now ISO date-time
// returns: one row {revoked: integer}
MATCH (t:RefreshToken {family: $family})
WHERE NOT t.revoked
SET t.revoked = true, t.revokedAt = $now
RETURN count(t) AS revoked
