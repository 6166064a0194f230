// name: schema/008-person-status-index
// purpose: Findings on separated and suspended people (PER-1).
// params: none
// returns: nothing
CREATE INDEX person_status IF NOT EXISTS FOR (n:Person) ON (n.status)
