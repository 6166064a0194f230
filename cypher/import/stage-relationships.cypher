// name: import/stage-relationships
// purpose: Creates relationships of one type between entities of one stage; an end the file defines in a later batch is created bare (staged, flagged importAhead, with the stage's organisation and source so the switch and a drop find it) and filled by import/stage-nodes. An end outside the stage gets no relationship and is reported.
// params: $stage stage id, $organizationId, $source, $type relationship type (whitelisted in code), $rows list of {from, to, props: map incl. key and source}
// returns: one row {created, ahead: ids of the ends still bare, held: ends that exist outside this stage (the caller refuses the import)}
UNWIND $rows AS row
MERGE (a:Entity {id: row.from})
  ON CREATE SET a.stage = $stage, a.importAhead = true, a.organizationId = $organizationId, a.source = $source
MERGE (b:Entity {id: row.to})
  ON CREATE SET b.stage = $stage, b.importAhead = true, b.organizationId = $organizationId, b.source = $source
WITH row, a, b, coalesce(a.stage = $stage AND b.stage = $stage, false) AS ours
FOREACH (_ IN CASE WHEN ours THEN [1] ELSE [] END |
  CREATE (a)-[r:$($type)]->(b)
  SET r = row.props)
WITH collect({
  ours: ours,
  ahead: CASE WHEN a.importAhead THEN [a.id] ELSE [] END + CASE WHEN b.importAhead THEN [b.id] ELSE [] END,
  held: [x IN [a, b] WHERE x.stage IS NULL OR x.stage <> $stage | x.id]
}) AS done
RETURN size([d IN done WHERE d.ours]) AS created,
       reduce(ids = [], d IN done | ids + d.ahead) AS ahead,
       reduce(ids = [], d IN done | ids + d.held) AS held
