// name: migrate/017-relationship-organization
// purpose: Once, for graphs imported before schema 17: gives every stated relationship the organisation that states it, the organisation of its defining end (the asset of OWNS, the control of RESPONSIBLE_FOR, else the start); threat-library relationships keep none.
// params: none
// returns: one row {migrated}
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.organizationId IS NULL AND r.source IS NOT NULL
WITH r, CASE WHEN type(r) IN ['OWNS', 'RESPONSIBLE_FOR'] THEN b.organizationId ELSE a.organizationId END AS org
WHERE org IS NOT NULL
SET r.organizationId = org
RETURN count(r) AS migrated
