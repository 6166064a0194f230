import { Injectable, Logger } from '@nestjs/common';
import { ChainCheck, ChainVerifier, GENESIS_HASH, canonicalJson, sealRecord } from '@rampart/auth';
import { createHash } from 'node:crypto';
import {
  AuditEntry,
  AuditFilter,
  AuditRecord,
  DomainError,
  Page,
  decodeCursor,
  toPage,
} from '@rampart/domain';
import { AnalyticsRepository, AuditRepository, ExportRepository } from '@rampart/graph';

const VERIFY_PAGE = 1000;

/**
 * The audit trail (issue 8): records appended to a SHA-256 hash chain, read newest first, verified
 * from the first record. Also the graph's content hash that write records carry before and after.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');
  private cached?: { version: number; hash: string };

  constructor(
    private readonly records: AuditRepository,
    private readonly exports: ExportRepository,
    private readonly analytics: AnalyticsRepository,
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
   * SHA-256 of the organisation graph's content (every entity with its properties and every
   * relationship, in a canonical order), computed once per graph version.
   */
  async graphHash(): Promise<string> {
    const version = await this.analytics.graphVersion();
    if (this.cached?.version === version) return this.cached.hash;
    const digest = createHash('sha256');
    for (const row of await this.exports.contentRows()) {
      const out = row.out.map((r) => canonicalJson(r)).sort(cmp);
      digest.update(canonicalJson({ ...row, labels: [...row.labels].sort(), out }));
      digest.update('\n');
    }
    const hash = digest.digest('hex');
    this.cached = { version, hash };
    return hash;
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

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function seqOfCursor(cursor: string): number {
  const key = decodeCursor(cursor);
  if (!/^\d+$/.test(key))
    throw new DomainError('BAD_CURSOR', `after: "${cursor}" is not a cursor of auditLog.`);
  return Number(key);
}
