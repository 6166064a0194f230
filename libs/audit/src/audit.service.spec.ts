import { Logger } from '@nestjs/common';
import { GENESIS_HASH, sealRecord } from '@rampart/auth';
import { AuditEntry, AuditFilter, AuditRecord, DomainError, encodeCursor } from '@rampart/domain';
import { AuditHead, AuditRepository, GraphDigestRepository } from '@rampart/graph';
import { AuditService } from './audit.service';

const NOW = new Date('2026-03-01T10:00:00.000Z');

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: 'alice',
  action: 'graph:write',
  operation: 'updateSystem',
  outcome: 'success',
  requestId: 'r-1',
  target: 'sys-a',
  counts: null,
  graphHashBefore: null,
  graphHashAfter: null,
  detail: null,
  ...over,
});

/** A chain of n sealed records, seq 1..n. */
function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 0; i < n; i++) {
    const r = sealRecord(entry({ target: `t-${i}` }), head, NOW.toISOString());
    out.push(r);
    head = r;
  }
  return out;
}

function setup(opts: { records?: AuditRecord[]; append?: AuditRepository['append'] } = {}) {
  const state = { digestReads: 0 };
  const calls = { page: [] as unknown[][], count: [] as AuditFilter[], range: [] as number[][] };
  const records = opts.records ?? [];
  const repo = {
    append:
      opts.append ??
      (async (genesis: string, seal: (h: AuditHead) => AuditRecord) => seal({ seq: 7, hash: genesis })),
    page: async (f: AuditFilter, first: number, before: number | null) => {
      calls.page.push([f, first, before]);
      return records.slice(0, first);
    },
    count: async (f: AuditFilter) => (calls.count.push(f), 42),
    range: async (after: number, limit: number) => {
      calls.range.push([after, limit]);
      return records.filter((r) => r.seq > after).slice(0, limit);
    },
    head: async () => {
      const last = records[records.length - 1];
      return last ? { seq: last.seq, hash: last.hash } : null;
    },
  } as unknown as AuditRepository;
  const digests = {
    graphHash: async () => (state.digestReads++, 'd'.repeat(64)),
  } as unknown as GraphDigestRepository;
  return { service: new AuditService(repo, digests), state, calls };
}

describe('AuditService', () => {
  it('seals the entry onto the head the store hands over, at the given time', async () => {
    const { service } = setup();
    const e = entry();
    const record = await service.record(e, NOW);
    expect(record).toEqual(sealRecord(e, { seq: 7, hash: GENESIS_HASH }, NOW.toISOString()));
    expect(record).toMatchObject({ seq: 8, prevHash: GENESIS_HASH, at: NOW.toISOString() });
  });

  it('recordQuietly logs a lost record instead of failing the operation', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const { service } = setup({ append: async () => Promise.reject(new Error('Neo4j is down')) });
      await expect(
        service.recordQuietly(entry({ action: 'sign-in', actor: 'bob' })),
      ).resolves.toBeUndefined();
      expect(error).toHaveBeenCalledWith(
        'Could not append to the audit trail (sign-in by bob): Error: Neo4j is down',
      );
    } finally {
      error.mockRestore();
    }
  });

  it('hands out the graph hash the digest repository keeps (no content read here)', async () => {
    const { service, state } = setup();
    expect(await service.graphHash()).toBe('d'.repeat(64));
    expect(state.digestReads).toBe(1);
  });

  it.each([0, 501, 2.5])('refuses a page size of %p', async (first) => {
    const { service, calls } = setup();
    const e = await service.page({}, first).catch((x: DomainError) => x);
    expect(e).toMatchObject({ code: 'VALIDATION_FAILED', message: 'first: 1 to 500 records per page.' });
    expect(calls.page).toEqual([]);
  });

  it('asks for one record more than the page, before the seq of the cursor, and counts with the same filter', async () => {
    const records = chain(5).reverse(); // newest first
    const { service, calls } = setup({ records });
    const filter = { actor: 'alice', organizationIds: ['org-a'] };
    const page = await service.page(filter, 2, encodeCursor('42'));
    expect(calls.page).toEqual([[filter, 3, 42]]);
    expect(calls.count).toEqual([filter]);
    expect(page.items.map((i) => i.node.seq)).toEqual([5, 4]);
    expect(page).toMatchObject({ hasNextPage: true, totalCount: 42, endCursor: encodeCursor('4') });
    await service.page(filter, 2);
    expect(calls.page[1]).toEqual([filter, 3, null]);
  });

  it('refuses a cursor that does not carry a seq', async () => {
    const { service } = setup();
    await expect(service.page({}, 10, encodeCursor('sys-a'))).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    await expect(service.page({}, 10, 'garbage!')).rejects.toMatchObject({ code: 'BAD_CURSOR' });
  });

  it('verifies the chain page by page from the first record', async () => {
    const records = chain(1001);
    const { service, calls } = setup({ records });
    expect(await service.verify()).toEqual({ ok: true, records: 1001 });
    expect(calls.range).toEqual([
      [0, 1000],
      [1000, 1000],
    ]);
  });

  it('reports the first altered record', async () => {
    const records = chain(3);
    records[1] = { ...records[1], actor: 'mallory' };
    const { service } = setup({ records });
    expect(await service.verify()).toMatchObject({ ok: false, seq: 2 });
  });
});
