// name: import/create-relationships-ahead
// purpose: A streamed import's create-relationships: an end the file defines in a later batch does not exist yet, so it is created bare (an id, no labels but Entity) and filled when its batch comes; the importer checks every bare end was filled before it commits.
// params: $type relationship type (whitelisted in code), $rows list of {from, to, props: map incl. key and source}
// returns: one row {created, ahead: ids of the ends created bare, held: ends an unfinished staged import holds (the caller refuses the write)}
UNWIND $rows AS row
MERGE (a:Entity {id: row.from})
  ON CREATE SET a.importAhead = true
MERGE (b:Entity {id: row.to})
  ON CREATE SET b.importAhead = true
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
WITH r, CASE WHEN a.importAhead THEN [a.id] ELSE [] END + CASE WHEN b.importAhead THEN [b.id] ELSE [] END AS ahead,
     [x IN [a, b] WHERE x.stage IS NOT NULL | x.id] AS held
UNWIND (CASE WHEN ahead = [] THEN [null] ELSE ahead END) AS id
RETURN count(DISTINCT r) AS created, collect(DISTINCT id) AS ahead,
       reduce(all = [], h IN collect(held) | all + h) AS held
