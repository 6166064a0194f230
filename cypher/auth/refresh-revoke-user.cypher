// name: auth/refresh-revoke-user
// purpose: Revokes every refresh token of an account (disabled, or its password changed).
// params: $userId string, $now ISO date-time
// returns: one row {revoked: integer}
MATCH (t:RefreshToken {userId: $userId})
WHERE NOT t.revoked
SET t.revoked = true, t.revokedAt = $now
RETURN count(t) AS revoked
