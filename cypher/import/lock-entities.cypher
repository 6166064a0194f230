// name: import/lock-entities
// purpose: Takes the write lock of every entity a write will touch, before it reads any of them: a concurrent write of one of them commits first, so what this write reads (content hashes, relationships) and then replaces in the graph's digest is what is stored (issue 21). Ids in a fixed order, so two writes lock their common entities in the same order.
// params: $ids list of entity ids, sorted
// returns: one row {locked: integer} (ids that do not exist yet are not locked: a concurrent creation of the same id waits on the unique constraint instead)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.stage IS NULL
SET n.writeLock = true
REMOVE n.writeLock
RETURN count(n) AS locked
