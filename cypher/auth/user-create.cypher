// name: auth/user-create
// purpose: Creates a sign-in account (:User, outside the organisation graph: never an Entity, so never listed, exported or analysed).
// params: $user map {id, username, passwordHash, roles, clearance, personId|null, organizationIds|null (null: every organisation), disabled, createdAt, updatedAt; OpenID Connect accounts also source, externalId}
// returns: one row {user: map}
CREATE (u:User)
SET u = $user
RETURN u {.*} AS user
