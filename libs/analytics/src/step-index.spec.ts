import fc from 'fast-check';
import { hopsFrom } from './path-search';
import { tiny } from './testing/graph-builder';

describe('hop counts over the step index', () => {
  //   a -> b -> c -> d,  a -> c,  e -> a,  f isolated
  const index = tiny({
    nodes: { a: {}, b: {}, c: {}, d: {}, e: {}, f: {} },
    steps: [
      ['a', 'b', 'network'],
      ['b', 'c', 'network'],
      ['c', 'd', 'network'],
      ['a', 'c', 'access'],
      ['e', 'a', 'access'],
    ],
  });

  it('counts the fewest steps forward, by hand', () => {
    expect([...index.hops(['a'], 'forward', 8)]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 1],
      ['d', 2],
    ]);
  });

  it('counts them against the steps in reverse, and stops at maxHops', () => {
    const h = index.hops(['d'], 'reverse', 2);
    expect(Object.fromEntries(h)).toEqual({ d: 0, c: 1, a: 2, b: 2 });
    expect(h.has('e')).toBe(false); // three steps away
    expect(h.get('f')).toBeUndefined();
    expect(h.get('unknown')).toBeUndefined();
    expect(h.size).toBe(4);
  });

  it('ignores unknown starts and counts a repeated start once', () => {
    expect([...index.hops(['zz', 'e', 'e'], 'forward', 1)]).toEqual([
      ['e', 0],
      ['a', 1],
    ]);
  });

  it('equals a plain breadth-first search on random graphs', () => {
    const graphs = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      edges: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 40 }),
      start: fc.nat(11),
      maxHops: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(graphs, ({ n, edges, start, maxHops }) => {
        const ids = Array.from({ length: n }, (_, i) => `sys-${i}`);
        const g = tiny({
          nodes: Object.fromEntries(ids.map((id) => [id, {}])),
          steps: edges.filter(([a, b]) => a < n && b < n).map(([a, b]) => [ids[a], ids[b], 'network']),
        });
        const s = ids[start % n];
        const forward = hopsFrom([s], (id) => g.stepsFrom(id).map((x) => x.to), maxHops);
        const reverse = hopsFrom([s], (id) => g.stepsInto(id).map((x) => x.from), maxHops);
        expect(Object.fromEntries(g.hops([s], 'forward', maxHops))).toEqual(Object.fromEntries(forward));
        expect(Object.fromEntries(g.hops([s], 'reverse', maxHops))).toEqual(Object.fromEntries(reverse));
      }),
      { numRuns: 300 },
    );
  });
});
