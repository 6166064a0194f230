import { AuditFilter, AuditRecord } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

/** The chain's end: the last record's seq and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * The audit trail (:AuditRecord, outside the organisation graph). Appends only: the record is
 * sealed by the caller (libs/auth audit-chain) from the head, read under a write lock in the same
 * transaction, so concurrent appends queue instead of forking the chain.
 */
export class AuditRepository {
  constructor(private readonly executor: QueryExecutor) {}

  append(genesis: string, seal: (head: AuditHead) => AuditRecord): Promise<AuditRecord> {
    return this.executor.writeTransaction(async (tx) => {
      const [head] = await tx.run(Q.auditHeadLock, { genesis });
      const record = seal({ seq: Number(head.seq), hash: String(head.hash) });
      await tx.run(Q.auditAppend, {
        record: { ...record, counts: record.counts && JSON.stringify(record.counts) },
      });
      return record;
    }, Q.auditAppend);
  }

  async head(): Promise<AuditHead | null> {
    const [row] = await this.executor.executeRead(Q.auditHead);
    return row ? { seq: Number(row.seq), hash: String(row.hash) } : null;
  }

  /** Newest first; `first + 1` rows tell whether there is a next page. */
  async page(filter: AuditFilter, first: number, before: number | null): Promise<AuditRecord[]> {
    const rows = await this.executor.executeRead(Q.auditPage, { ...params(filter), first, before });
    return rows.map((r) => toRecord(r.record as Record<string, unknown>));
  }

  async count(filter: AuditFilter): Promise<number> {
    const [row] = await this.executor.executeRead(Q.auditCount, params(filter));
    return Number(row.total);
  }

  /** In chain order after `after`, at most `limit`. */
  async range(after: number, limit: number): Promise<AuditRecord[]> {
    const rows = await this.executor.executeRead(Q.auditRange, { after, limit });
    return rows.map((r) => toRecord(r.record as Record<string, unknown>));
  }

  /** Tests only. */
  async deleteAll(): Promise<void> {
    await this.executor.executeWrite(Q.auditDeleteAll);
  }
}

const params = (f: AuditFilter) => ({
  action: f.action ?? null,
  actor: f.actor ?? null,
  since: f.since ?? null,
  until: f.until ?? null,
  organizationIds: f.organizationIds ?? null,
});

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Exactly the fields that were hashed: a property added in the database shows up and breaks the hash. */
function toRecord(p: Record<string, unknown>): AuditRecord {
  const {
    seq,
    at,
    actor,
    action,
    operation,
    outcome,
    requestId,
    target,
    counts,
    graphHashBefore,
    graphHashAfter,
    detail,
    prevHash,
    hash,
    ...extra
  } = p;
  return {
    ...(extra as object),
    seq: Number(seq),
    at: String(at),
    actor: String(actor),
    action: String(action),
    operation: String(operation),
    outcome: outcome as AuditRecord['outcome'],
    requestId: str(requestId),
    target: str(target),
    counts: typeof counts === 'string' ? (JSON.parse(counts) as Record<string, number>) : null,
    graphHashBefore: str(graphHashBefore),
    graphHashAfter: str(graphHashAfter),
    detail: str(detail),
    prevHash: String(prevHash),
    hash: String(hash),
  };
}
