// name: shared-state/rate-limit-get
// purpose: A shared counter as it stands now; one whose window ended counts as absent (expired rows are deleted later by shared-state/delete-expired).
// params: $key string, $now integer epoch ms
// returns: zero or one row {points: integer, expiresAt: integer|null}
MATCH (c:RateLimit {key: $key})
WHERE c.expiresAt IS NULL OR c.expiresAt > $now
RETURN c.points AS points, c.expiresAt AS expiresAt
