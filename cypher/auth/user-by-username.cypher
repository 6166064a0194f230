// name: auth/user-by-username
// purpose: The account with this username (sign-in), password hash included: never leaves libs/graph's callers unmapped.
// params: $username string
// returns: zero or one row {user: map}
MATCH (u:User {username: $username})
RETURN u {.*} AS user
