// name: auth/refresh-spend
// purpose: Spends a refresh token once: locks it, then marks it used only if it was unused, unrevoked and unexpired, so two concurrent refreshes cannot both succeed.
// params: $hash string (SHA-256 hex of the token), $now ISO date-time
// returns: zero or one row {token: map (as it was before), spent: boolean}
MATCH (t:RefreshToken {hash: $hash})
SET t.lockedAt = $now
WITH t, t {.*} AS before
WITH t, before, (before.usedAt IS NULL AND NOT before.revoked AND before.expiresAt > $now) AS fresh
SET t.usedAt = CASE WHEN fresh THEN $now ELSE t.usedAt END
RETURN before AS token, fresh AS spent
