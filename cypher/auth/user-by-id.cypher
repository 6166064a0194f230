// name: auth/user-by-id
// purpose: The account with this id (token refresh, /me, user admin).
// params: $id string
// returns: zero or one row {user: map}
MATCH (u:User {id: $id})
RETURN u {.*} AS user
