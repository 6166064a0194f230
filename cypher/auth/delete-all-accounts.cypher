// name: auth/delete-all-accounts
// purpose: Deletes every account and refresh token (a test or a reset starts from no accounts; the next start creates admin again).
// params: none
// returns: one row {deleted: integer}
MATCH (n)
WHERE n:User OR n:RefreshToken
DETACH DELETE n
RETURN count(*) AS deleted
