// name: auth/user-update
// purpose: Changes an account's password hash, roles, clearance, person or disabled flag (only the keys given).
// params: $id string, $set map (subset of {passwordHash, roles, clearance, personId, disabled}), $now ISO date-time
// returns: zero or one row {user: map}
MATCH (u:User {id: $id})
SET u += $set, u.updatedAt = $now
RETURN u {.*} AS user
