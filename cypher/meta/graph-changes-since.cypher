// name: meta/graph-changes-since
// purpose: The change log after a version: what an in-memory attack graph at $version must re-read to reach the current one (a missing version or a full entry means reload).
// params: $version integer
// returns: rows {version, ids, full} in version order
MATCH (c:GraphChange)
WHERE c.version > $version
RETURN c.version AS version, c.ids AS ids, c.full AS full
ORDER BY c.version
