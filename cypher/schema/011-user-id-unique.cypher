// name: schema/011-user-id-unique
// purpose: One sign-in account per id (:User, outside the organisation graph).
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_user_id_unique IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE
