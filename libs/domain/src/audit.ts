/** The audit trail (issue 8): who did what, when, with what effect; append-only and hash-chained. */

export type AuditOutcome = 'success' | 'failure';

/** What a caller records. */
export interface AuditEntry {
  /** A username, `cli:<os user>`, `schedule`, or `(not a valid username)` for odd sign-ins. */
  actor: string;
  /** The policy action (graph:write, graph:import, ...) or `sign-in`. */
  action: string;
  /** The operation: GraphQL field, `METHOD /path`, or CLI command. */
  operation: string;
  outcome: AuditOutcome;
  requestId: string | null;
  /** What it concerned: an entity id, a username, a report, a file. */
  target: string | null;
  counts: Record<string, number> | null;
  /** SHA-256 of the organisation graph's content before and after a write. */
  graphHashBefore: string | null;
  graphHashAfter: string | null;
  /** Short free text: the error message of a failure, the address of a sign-in. */
  detail: string | null;
  /**
   * The organisations the operation concerned, when known (issue 18): an account limited to some
   * organisations reads only the records about them. Absent on older records and on those about
   * no organisation (sign-ins, accounts).
   */
  organizations?: string[];
}

/** A stored record: the entry, its place in the chain and the chain's hashes. */
export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  /** The hash of the record before (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 of this record's canonical JSON (every field but this one). */
  hash: string;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  /** ISO date-times, inclusive. */
  since?: string;
  until?: string;
  /** The reader's organisations: only records about them (and no other); null or absent: all. */
  organizationIds?: readonly string[] | null;
}
