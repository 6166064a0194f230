import * as fc from 'fast-check';
import { MultisetHash } from '../content-digest';
import { NamedTx } from '../query-executor';
import { GraphChange, MAX_LOGGED_IDS } from './graph-change';

/** What commit records (digest, logged ids, bulk), against a stored digest of the empty graph. */
async function recorded(change: GraphChange) {
  let params: Record<string, unknown> = {};
  const tx: NamedTx = {
    run: async (name, p = {}) => {
      if (name === 'meta/graph-version-bump')
        return [{ version: 7, digest: MultisetHash.empty().toBase64() }];
      params = p;
      return [];
    },
  };
  await change.commit(tx);
  return { digest: params.digest, ids: [...(params.ids as string[])].sort(), full: params.full };
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('node' as const),
    id: fc.integer({ min: 0, max: 30 }),
    hash: fc.string({ maxLength: 6 }),
  }),
  fc.record({
    kind: fc.constant('rel' as const),
    from: fc.integer({ min: 0, max: 30 }),
    to: fc.integer({ min: 0, max: 30 }),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(change: GraphChange, o: Op): void {
  if (o.kind === 'node') change.node(`n${o.id}`, null, o.hash);
  else change.relationshipAdded('OWNS', `n${o.from}`, `n${o.to}`, { key: '' });
}

describe('GraphChange.absorb', () => {
  it('records what one change gathering every part would record (a staged import batch by batch)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { maxLength: 8 }), { maxLength: 6 }), async (parts) => {
        const whole = new GraphChange();
        const staged = new GraphChange();
        for (const ops of parts) {
          const part = new GraphChange();
          for (const o of ops) {
            apply(whole, o);
            apply(part, o);
          }
          staged.absorb(part);
        }
        expect(await recorded(staged)).toEqual(await recorded(whole));
      }),
      { numRuns: 50 },
    );
  });

  it('turns bulk once the parts together touched more entities than the log keeps', async () => {
    const staged = new GraphChange();
    for (let p = 0; p < 3; p++) {
      const part = new GraphChange();
      for (let i = 0; i < MAX_LOGGED_IDS / 2; i++) part.node(`p${p}-${i}`, null, 'h');
      staged.absorb(part);
    }
    expect(await recorded(staged)).toMatchObject({ ids: [], full: true });
  });
});
