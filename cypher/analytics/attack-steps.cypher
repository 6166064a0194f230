// name: analytics/attack-steps
// purpose: The attack-step rules of docs/spec/analytics.md §2, all in this one file: who, once compromised, can step to what, and by which vector.
// params: none
// returns: rows {from, vector, tos: list of ids} - one row per node and vector it steps by (vector: access, physical, logical, network, dependency, supply-chain); grouped because a large organisation has hundreds of thousands of steps
MATCH (p:Person)
WHERE p.stage IS NULL
CALL (p) {
  MATCH (p)-[r:HAS_ACCESS]->(y:Entity)
  WITH CASE r.mode WHEN 'physical' THEN 'physical' ELSE 'access' END AS vector, y.id AS to
  RETURN vector, collect(to) AS tos
}
RETURN p.id AS from, vector, tos
UNION ALL
MATCH (s:System)<-[:STORED_ON]-(i:Information)
WHERE s.stage IS NULL
WITH s, collect(i.id) AS tos
RETURN s.id AS from, 'logical' AS vector, tos
UNION ALL
MATCH (f:Facility)<-[:HOSTED_IN]-(x:Asset)
WHERE f.stage IS NULL AND (x:System OR NOT (x:Person OR x:Facility OR x:Information))
WITH f, collect(x.id) AS tos
RETURN f.id AS from, 'physical' AS vector, tos
UNION ALL
MATCH (outer:Facility)<-[:LOCATED_IN]-(inner:Facility)
WHERE outer.stage IS NULL
WITH outer, collect(inner.id) AS tos
RETURN outer.id AS from, 'physical' AS vector, tos
UNION ALL
MATCH (a:System)-[:CONNECTS_TO]->(b:System)
WHERE a.stage IS NULL
WITH a, collect(b.id) AS tos
RETURN a.id AS from, 'network' AS vector, tos
UNION ALL
MATCH (idp:System)<-[:DEPENDS_ON]-(app:System)
WHERE idp.stage IS NULL
WITH idp, collect(app.id) AS tos
RETURN idp.id AS from, 'dependency' AS vector, tos
UNION ALL
MATCH (sp:ServiceProvider)<-[:MEMBER_OF]-(p:Person)
WHERE sp.stage IS NULL
WITH sp, collect(p.id) AS tos
RETURN sp.id AS from, 'supply-chain' AS vector, tos
