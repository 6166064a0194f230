// name: auth/user-list
// purpose: Every account, by username (user admin).
// params: none
// returns: rows {user: map}
MATCH (u:User)
RETURN u {.*} AS user
ORDER BY u.username
