// name: auth/user-count
// purpose: How many accounts exist (first start creates the admin when there are none).
// params: none
// returns: one row {count: integer}
MATCH (u:User)
RETURN count(u) AS count
