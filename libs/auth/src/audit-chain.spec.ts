import { AuditEntry, AuditRecord } from '@rampart/domain';
import { ChainVerifier, GENESIS_HASH, canonicalJson, recordHash, sealRecord, sha256 } from './audit-chain';

const entry = (action: string, target: string | null = null): AuditEntry => ({
  actor: 'ana',
  action,
  operation: action,
  outcome: 'success',
  requestId: 'req-1',
  target,
  counts: { created: 1 },
  graphHashBefore: null,
  graphHashAfter: null,
  detail: null,
});

function chain(n: number): AuditRecord[] {
  const out: AuditRecord[] = [];
  let head = { seq: 0, hash: GENESIS_HASH };
  for (let i = 0; i < n; i++) {
    const r = sealRecord(entry(`a${i + 1}`), head, `2026-11-23T10:00:0${i}.000Z`);
    out.push(r);
    head = r;
  }
  return out;
}

const verify = (records: AuditRecord[], head: { seq: number; hash: string } | null, page = 2) => {
  const v = new ChainVerifier();
  for (let i = 0; i < records.length; i += page) v.check(records.slice(i, i + page));
  return v.end(head);
};

describe('audit chain', () => {
  it('serialises canonically: key order does not change the hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"e":null,"f":2}]},"b":1}',
    );
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('links each record to the one before, from the genesis hash', () => {
    const [a, b] = chain(2);
    expect(a).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
    expect(b.hash).toBe(recordHash(b));
    expect(b.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain, read in pages', () => {
    const c = chain(5);
    expect(verify(c, c[4])).toEqual({ ok: true, records: 5 });
    expect(verify([], null)).toEqual({ ok: true, records: 0 });
  });

  it('reports the first broken link: an edited, removed, replaced or truncated record', () => {
    const c = chain(5);
    const edited = c.map((r) => (r.seq === 3 ? { ...r, actor: 'mallory' } : r));
    expect(verify(edited, c[4])).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/record 3 .* was altered/),
    });

    const removed = c.filter((r) => r.seq !== 2);
    expect(verify(removed, c[4])).toMatchObject({
      ok: false,
      seq: 2,
      reason: 'record 2 is missing (the chain goes from 1 to 3)',
    });

    // Record 2 rewritten and re-hashed by someone who knows the scheme: 3 no longer follows it.
    const resealed = { ...sealRecord({ ...entry('a2'), actor: 'mallory' }, c[0], c[1].at) };
    const replaced = c.map((r) => (r.seq === 2 ? resealed : r));
    expect(verify(replaced, c[4])).toMatchObject({
      ok: false,
      seq: 3,
      reason: expect.stringMatching(/record 3 does not follow record 2/),
    });

    expect(verify(c.slice(0, 3), c[4])).toMatchObject({
      ok: false,
      seq: 4,
      reason: 'records after 3 are missing (the trail had 5)',
    });
  });
});
