import { Injectable, Logger } from '@nestjs/common';
import { ChainCheck, ChainVerifier, GENESIS_HASH, sealRecord } from '@rampart/auth';
import {
  AuditEntry,
  AuditFilter,
  AuditRecord,
  DomainError,
  Page,
  decodeCursor,
  toPage,
} from '@rampart/domain';
import { AuditRepository, GraphDigestRepository } from '@rampart/graph';

const VERIFY_PAGE = 1000;

/**
 * The audit trail (issue 8): records appended to a SHA-256 hash chain, read newest first, verified
 * from the first record. Also the graph's content hash that write records carry before and after.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly records: AuditRepository,
    private readonly digests: GraphDigestRepository,
  ) {}

  record(entry: AuditEntry, now = new Date()): Promise<AuditRecord> {
    return this.records.append(GENESIS_HASH, (head) => sealRecord(entry, head, now.toISOString()));
  }

  /** Records, but never fails the caller's operation: a lost record is logged as an error instead. */
  async recordQuietly(entry: AuditEntry): Promise<void> {
    await this.record(entry).catch((e: unknown) =>
      this.logger.error(
        `Could not append to the audit trail (${entry.action} by ${entry.actor}): ${String(e)}`,
      ),
    );
  }

  /**
   * The graph's content hash (every entity with its properties and every relationship, as a
   * multiset hash each write keeps in step): one read, whatever the size of the graph.
   */
  graphHash(): Promise<string> {
    return this.digests.graphHash();
  }

  async page(filter: AuditFilter, first: number, after?: string): Promise<Page<AuditRecord>> {
    if (!Number.isInteger(first) || first < 1 || first > 500) {
      throw new DomainError('VALIDATION_FAILED', 'first: 1 to 500 records per page.');
    }
    const before = after === undefined ? null : seqOfCursor(after);
    const [rows, total] = await Promise.all([
      this.records.page(filter, first + 1, before),
      this.records.count(filter),
    ]);
    return toPage(rows, { first }, (r) => String(r.seq), total);
  }

  /** Walks the whole chain in order; the first broken link, if any. */
  async verify(): Promise<ChainCheck> {
    const verifier = new ChainVerifier();
    let after = 0;
    for (;;) {
      const batch = await this.records.range(after, VERIFY_PAGE);
      verifier.check(batch);
      if (batch.length < VERIFY_PAGE) break;
      after = batch[batch.length - 1].seq;
    }
    return verifier.end(await this.records.head());
  }
}

function seqOfCursor(cursor: string): number {
  const key = decodeCursor(cursor);
  if (!/^\d+$/.test(key))
    throw new DomainError('BAD_CURSOR', `after: "${cursor}" is not a cursor of auditLog.`);
  return Number(key);
}
