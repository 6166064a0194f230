// name: shared-state/rate-limit-delete
// purpose: Forgets a shared counter (a right password ends its username's failure count).
// params: $key string
// returns: one row {deleted: boolean}
OPTIONAL MATCH (c:RateLimit {key: $key})
DELETE c
RETURN count(c) > 0 AS deleted
