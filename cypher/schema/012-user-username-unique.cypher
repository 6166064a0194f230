// name: schema/012-user-username-unique
// purpose: Usernames are unique: sign-in finds exactly one account.
// params: none
// returns: nothing
CREATE CONSTRAINT rampart_user_username_unique IF NOT EXISTS FOR (u:User) REQUIRE u.username IS UNIQUE
