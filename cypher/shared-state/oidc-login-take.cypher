// name: shared-state/oidc-login-take
// purpose: Takes a pending OpenID Connect sign-in once: the row is write-locked before it is read and marked taken, so a replayed or concurrent callback on any instance finds it used.
// params: $state string, $now integer epoch ms
// returns: zero or one row {login: map (as it was before), fresh: boolean (unused and unexpired)}
MATCH (l:OidcLogin {state: $state})
SET l.lockedAt = $now
WITH l, l {.*} AS before
SET l.takenAt = coalesce(before.takenAt, $now)
RETURN before AS login, (before.takenAt IS NULL AND before.expiresAt > $now) AS fresh
