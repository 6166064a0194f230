// name: analytics/attack-steps
// purpose: The attack-step rules of analytics.md §2, all in this one file: who, once compromised, can step to what, and by which vector.
// params: none
// returns: rows {from, to, vector} (vector: access, physical, logical, network, dependency, supply-chain)
MATCH (p:Person)-[r:HAS_ACCESS]->(y:Entity)
RETURN p.id AS from, y.id AS to, CASE r.mode WHEN 'physical' THEN 'physical' ELSE 'access' END AS vector
UNION ALL
MATCH (i:Information)-[:STORED_ON]->(s:System)
RETURN s.id AS from, i.id AS to, 'logical' AS vector
UNION ALL
MATCH (x:Asset)-[:HOSTED_IN]->(f:Facility)
WHERE x:System OR NOT (x:Person OR x:Facility OR x:Information)
RETURN f.id AS from, x.id AS to, 'physical' AS vector
UNION ALL
MATCH (inner:Facility)-[:LOCATED_IN]->(outer:Facility)
RETURN outer.id AS from, inner.id AS to, 'physical' AS vector
UNION ALL
MATCH (a:System)-[:CONNECTS_TO]->(b:System)
RETURN a.id AS from, b.id AS to, 'network' AS vector
UNION ALL
MATCH (app:System)-[:DEPENDS_ON]->(idp:System)
RETURN idp.id AS from, app.id AS to, 'dependency' AS vector
UNION ALL
MATCH (p:Person)-[:MEMBER_OF]->(sp:ServiceProvider)
RETURN sp.id AS from, p.id AS to, 'supply-chain' AS vector
