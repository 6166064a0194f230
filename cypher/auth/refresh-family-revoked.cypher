// name: auth/refresh-family-revoked
// purpose: Whether a sign-in (refresh-token family) has ended: signed out, a copied token detected, or the account's sessions revoked. Checked for every request's access token.
// params: $family string
// returns: one row {revoked: boolean}
RETURN EXISTS {
  MATCH (t:RefreshToken {family: $family, revoked: true})
} AS revoked
