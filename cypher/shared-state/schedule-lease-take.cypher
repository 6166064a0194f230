// name: shared-state/schedule-lease-take
// purpose: Claims one due time of a report schedule: the first MERGE creates the lease (a uniqueness constraint makes concurrent MERGEs wait and then find it), so exactly one call, on one API instance, runs the schedule at that time.
// params: $key string (schedule entry and due time), $owner string (the instance, for people reading the lease), $claim string (random, this call's), $dueAt integer epoch ms, $now integer epoch ms
// returns: one row {mine: boolean (this call created it), owner: string}
MERGE (l:ScheduleLease {key: $key})
  ON CREATE SET l.owner = $owner, l.claim = $claim, l.dueAt = $dueAt, l.takenAt = $now
RETURN l.claim = $claim AS mine, l.owner AS owner
