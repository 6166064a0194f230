// name: schema/020-rate-limit-expires-index
// purpose: The periodic sweep finds counters whose window ended by index.
// params: none
// returns: nothing
CREATE INDEX rampart_rate_limit_expires IF NOT EXISTS FOR (c:RateLimit) ON (c.expiresAt)
