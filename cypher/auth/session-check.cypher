// name: auth/session-check
// purpose: What every request's access token needs, in one round trip: the account as stored now, whether its sign-in (refresh-token family) has ended (any token of the family revoked: revocation marks them all, and revoked tokens are kept as long as an access token of the family can live), and the graph version the request's answers are computed at.
// params: $id string, $family string
// returns: one row {user: map or null, revoked: boolean, graphVersion: integer or null}
OPTIONAL MATCH (u:User {id: $id})
OPTIONAL MATCH (m:RampartMeta {key: 'graphVersion'})
RETURN u {.*} AS user,
       EXISTS { MATCH (t:RefreshToken {family: $family, revoked: true}) } AS revoked,
       m.value AS graphVersion
