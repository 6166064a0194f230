// name: schema/019-rate-limit-key-unique
// purpose: One shared counter per key: concurrent MERGEs from several API instances wait on this constraint instead of creating two.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_rate_limit_key_unique IF NOT EXISTS FOR (c:RateLimit) REQUIRE c.key IS UNIQUE
