// name: shared-state/rate-limit-add
// purpose: Adds points to counters every API instance shares (sign-in failures, requests per address): each counter is write-locked before it is read, so concurrent adds from several instances never lose a point; a counter whose window ended (or a forced one: a lock) starts afresh with the row's points and expiry.
// params: $rows list of {key string, points integer, expiresAt integer epoch ms or null (never), force boolean}, sorted by key (locks taken in one order), $now integer epoch ms
// returns: one row per input row {key: string, points: integer, expiresAt: integer|null}
UNWIND $rows AS r
MERGE (c:RateLimit {key: r.key})
SET c.touchedAt = $now
WITH c, r, (r.force OR c.points IS NULL OR c.expiresAt <= $now) AS fresh
SET c.points = CASE WHEN fresh THEN r.points ELSE c.points + r.points END,
    c.expiresAt = CASE WHEN fresh THEN r.expiresAt ELSE c.expiresAt END
RETURN r.key AS key, c.points AS points, c.expiresAt AS expiresAt
