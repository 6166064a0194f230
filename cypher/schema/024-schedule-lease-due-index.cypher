// name: schema/024-schedule-lease-due-index
// purpose: Leases of due times long past are swept by index.
// params: none
// returns: nothing
CREATE INDEX rampart_schedule_lease_due IF NOT EXISTS FOR (l:ScheduleLease) ON (l.dueAt)
