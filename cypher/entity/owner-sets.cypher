// name: entity/owner-sets
// purpose: Whose an entity is, for the asset-owner's edit rights (libs/auth policy.ts): an asset
//          concerns itself, a control concerns every asset it protects. One owner set per asset concerned.
// params: $ids list of entity ids
// returns: rows {id, found: whether the entity exists, ownerSets: list (one per asset concerned) of lists of Person ids owning that asset}
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
WITH id, n,
     CASE
       WHEN n:Asset THEN [n]
       WHEN n:Control THEN COLLECT { MATCH (n)-[:PROTECTS]->(a:Asset) RETURN a }
       ELSE []
     END AS concerned
RETURN id, n IS NOT NULL AS found,
       [a IN concerned | COLLECT { MATCH (p:Person)-[:OWNS]->(a) RETURN p.id }] AS ownerSets
