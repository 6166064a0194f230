// name: meta/content-hash-repair
// purpose: While recomputing the digest: stores the content hash an entity's stored content gives, where it differed (written by an older version, or edited outside Rampart).
// params: $rows list of {id, hash}
// returns: one row {repaired}
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.stage IS NULL
SET n.contentHash = row.hash
RETURN count(n) AS repaired
