// name: schema/025-graph-change-version-index
// purpose: The change log of graph writes (issue 21) is read and trimmed by version: one index seek.
// params: none
// returns: nothing
CREATE INDEX rampart_graph_change_version IF NOT EXISTS FOR (c:GraphChange) ON (c.version)
