// name: auth/user-update
// purpose: Changes an account's password hash, roles, clearance, person, organisations or disabled flag (only the keys given; null removes one).
// params: $id string, $set map (subset of {passwordHash, roles, clearance, personId, organizationIds, disabled}), $now ISO date-time
// returns: zero or one row {user: map}
MATCH (u:User {id: $id})
SET u += $set, u.updatedAt = $now
RETURN u {.*} AS user
