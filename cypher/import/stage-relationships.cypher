// name: import/stage-relationships
// purpose: Creates relationships of one type between staged entities; an end the file defines in a later batch is created bare (flagged importAhead) and filled by import/stage-nodes.
// params: $stage stage id, $type relationship type (whitelisted in code), $rows list of {from, to, props: map incl. key and source}
// returns: one row {created, ahead: ids of the ends still bare}
UNWIND $rows AS row
MERGE (a:StagedEntity {stage: $stage, id: row.from})
  ON CREATE SET a.importAhead = true
MERGE (b:StagedEntity {stage: $stage, id: row.to})
  ON CREATE SET b.importAhead = true
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
WITH r, CASE WHEN a.importAhead THEN [a.id] ELSE [] END + CASE WHEN b.importAhead THEN [b.id] ELSE [] END AS ahead
UNWIND (CASE WHEN ahead = [] THEN [null] ELSE ahead END) AS id
RETURN count(DISTINCT r) AS created, collect(DISTINCT id) AS ahead
