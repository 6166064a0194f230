// name: schema/023-schedule-lease-key-unique
// purpose: One lease per schedule and due time: of the API instances taking it at once, one creates it and the others find it taken.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_schedule_lease_key_unique IF NOT EXISTS FOR (l:ScheduleLease) REQUIRE l.key IS UNIQUE
