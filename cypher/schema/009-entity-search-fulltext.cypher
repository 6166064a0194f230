// name: schema/009-entity-search-fulltext
// purpose: Search by name, id or description in the explorer.
// params: none
// returns: nothing
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.id, n.description]
