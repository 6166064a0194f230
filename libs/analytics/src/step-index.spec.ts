import fc from 'fast-check';
import { hopsFrom } from './path-search';
import { tiny } from './testing/graph-builder';
import { StepIndex } from './step-index';

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

  it('counts only the nodes within maxHops of both ends when given the other end (by hand)', () => {
    // From e: a 1, b 2, c 2, d 3. To d within 3 steps of both: e (3), a (2), c (1), d (0); b's
    // walk e-a-b-c-d is four steps, so b is left out although it reaches d in two.
    const fromE = index.hops(['e'], 'forward', 3);
    expect(Object.fromEntries(index.hops(['d'], 'reverse', 3, fromE))).toEqual({ d: 0, c: 1, a: 2, e: 3 });
    // A target the other end does not reach within maxHops: nothing, not even the target.
    expect(index.hops(['d'], 'reverse', 2, index.hops(['e'], 'forward', 2)).size).toBe(0);
    const other = tiny({ nodes: { a: {} }, steps: [] });
    expect(() => index.hops(['d'], 'reverse', 3, other.hops(['a'], 'forward', 3))).toThrow(/another graph/);
  });

  it('restricted to the other end, equals the full counts of the nodes within maxHops of both', () => {
    const graphs = fc.record({
      n: fc.integer({ min: 1, max: 12 }),
      edges: fc.array(fc.tuple(fc.nat(11), fc.nat(11)), { maxLength: 40 }),
      from: fc.nat(11),
      to: fc.nat(11),
      maxHops: fc.integer({ min: 0, max: 6 }),
    });
    fc.assert(
      fc.property(graphs, ({ n, edges, from, to, maxHops }) => {
        const ids = Array.from({ length: n }, (_, i) => `sys-${i}`);
        const g = tiny({
          nodes: Object.fromEntries(ids.map((id) => [id, {}])),
          steps: edges.filter(([a, b]) => a < n && b < n).map(([a, b]) => [ids[a], ids[b], 'network']),
        });
        const fwd = g.hops([ids[from % n]], 'forward', maxHops);
        const full = Object.fromEntries(g.hops([ids[to % n]], 'reverse', maxHops));
        const both = Object.fromEntries(
          Object.entries(full).filter(([id, d]) => fwd.has(id) && (fwd.get(id) as number) + d <= maxHops),
        );
        expect(Object.fromEntries(g.hops([ids[to % n]], 'reverse', maxHops, fwd))).toEqual(both);
      }),
      { numRuns: 300 },
    );
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

describe('a patched step index (issue 21)', () => {
  const step = (from: string, to: string) => ({ from, to, vector: 'network' as const });
  const lists = (steps: ReturnType<typeof step>[], by: 'from' | 'to') => {
    const m = new Map<string, ReturnType<typeof step>[]>();
    for (const s of steps) m.set(s[by], [...(m.get(s[by]) ?? []), s]);
    return m;
  };
  const build = (ids: string[], steps: ReturnType<typeof step>[]) =>
    new StepIndex(ids, lists(steps, 'from'), lists(steps, 'to'));
  const seen = (i: StepIndex, from: string) => [...i.hops([from], 'forward', 5)];

  it('answers as a fresh build, before and after it is compacted back into arrays', () => {
    const before = build(['a', 'b', 'c'], [step('a', 'b')]);
    // b gains a step to a new node d; c is removed.
    const bOut = new Map([['b', [step('b', 'd')]]]);
    const bIn = new Map([['d', [step('b', 'd')]]]);
    const layered = before.patched(bOut, bIn, new Set(['c']));
    const compacted = before.patched(bOut, bIn, new Set(['c']), 0);
    const fresh = build(['a', 'b', 'd'], [step('a', 'b'), step('b', 'd')]);
    for (const i of [layered, compacted]) {
      expect(seen(i, 'a')).toEqual(seen(fresh, 'a'));
      expect(i.tree(['a'], 'forward', 5).map((t) => t.id)).toEqual(['a', 'b', 'd']);
      expect(i.knows('c')).toBe(false);
    }
    expect(seen(before, 'a')).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
  });
});
