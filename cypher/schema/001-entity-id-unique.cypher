// name: schema/001-entity-id-unique
// purpose: Every entity carries the shared Entity label and a graph-wide unique id (also the id lookup index).
// params: none
// returns: nothing
CREATE CONSTRAINT entity_id_unique IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
