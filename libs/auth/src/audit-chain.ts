import { AuditEntry, AuditRecord, canonicalJson } from '@rampart/domain';

export { canonicalJson } from '@rampart/domain';
import { createHash } from 'node:crypto';

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash a record must carry: of every field but `hash` itself. */
export function recordHash(record: Omit<AuditRecord, 'hash'>): string {
  const { hash: _ignored, ...content } = record as AuditRecord;
  return sha256(canonicalJson(content));
}

/** The next record of the chain whose last record is `head`. */
export function sealRecord(entry: AuditEntry, head: { seq: number; hash: string }, at: string): AuditRecord {
  const unsealed = { ...entry, seq: head.seq + 1, at, prevHash: head.hash };
  return { ...unsealed, hash: recordHash(unsealed) };
}

export type ChainCheck =
  { ok: true; records: number } | { ok: false; records: number; seq: number; reason: string };

/**
 * Checks a chain read in seq order, in pages: feed each page to `check`, then call `end` with
 * the head (the last seq and hash the store says it appended). The first broken link is reported:
 * an edited record (its hash no longer matches its content), a removed one (a gap in seq, or a
 * record whose prevHash is not its predecessor's hash), or records removed at the end (the head
 * is further than the last record).
 */
export class ChainVerifier {
  private last = { seq: 0, hash: GENESIS_HASH };
  private broken?: { seq: number; reason: string };
  private count = 0;

  check(records: readonly AuditRecord[]): void {
    for (const r of records) {
      if (this.broken) return;
      this.count++;
      if (r.seq !== this.last.seq + 1) {
        this.broken = {
          seq: this.last.seq + 1,
          reason: `record ${this.last.seq + 1} is missing (the chain goes from ${this.last.seq} to ${r.seq})`,
        };
      } else if (recordHash(r) !== r.hash) {
        this.broken = {
          seq: r.seq,
          reason: `record ${r.seq} (${r.at}) was altered: its content no longer matches its hash`,
        };
      } else if (r.prevHash !== this.last.hash) {
        this.broken = {
          seq: r.seq,
          reason: `record ${r.seq} does not follow record ${this.last.seq}: a record before it was replaced`,
        };
      }
      this.last = { seq: r.seq, hash: r.hash };
    }
  }

  end(head: { seq: number; hash: string } | null): ChainCheck {
    if (!this.broken && head && (head.seq !== this.last.seq || head.hash !== this.last.hash)) {
      this.broken = {
        seq: this.last.seq + 1,
        reason: `records after ${this.last.seq} are missing (the trail had ${head.seq})`,
      };
    }
    return this.broken
      ? { ok: false, records: this.count, ...this.broken }
      : { ok: true, records: this.count };
  }
}
