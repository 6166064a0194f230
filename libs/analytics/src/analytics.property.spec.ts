import fc from 'fast-check';
import { AttackVector } from '@rampart/domain';
import { AttackGraph, entryVector } from './attack-graph';
import { reach } from './blast-radius';
import { minimalCutSets } from './cut-sets';
import { mostLikelyPaths, securityDepth } from './path-search';
import { opensPath, regionOf } from './region';
import { inherentLikelihoodOf, residualLikelihood } from './risk';
import { depthClass, singlePointsOf, sweepThreat } from './threat-sweep';
import { failingCannotRaise, weakestLinks } from './weakest-links';
import { TinyGraph, tiny } from './testing/graph-builder';

const VECTORS: AttackVector[] = ['network', 'physical', 'access', 'logical'];
const KINDS = ['sys', 'fac', 'p', 'inf'];

/** Random small organisations: 4-8 nodes, random steps, controls, dependencies and one threat. */
const graphs = fc
  .record({
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 4, maxLength: 8 }),
    steps: fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.constantFrom(...VECTORS)), { maxLength: 16 }),
    controls: fc.array(
      fc.record({
        protects: fc.array(fc.nat(7), { minLength: 1, maxLength: 3 }),
        effectiveness: fc.double({ min: 0, max: 1, noNaN: true }),
        status: fc.constantFrom('implemented', 'implemented', 'degraded', 'planned'),
        vectors: fc.option(fc.subarray(VECTORS, { minLength: 1 }), { nil: undefined }),
        dependsOn: fc.array(fc.nat(7), { maxLength: 2 }),
        domain: fc.constantFrom('cyber', 'physical', 'personnel'),
      }),
      { maxLength: 6 },
    ),
    entries: fc.array(fc.nat(7), { minLength: 1, maxLength: 2 }),
    target: fc.nat(7),
  })
  .map((r) => {
    const ids = r.kinds.map((k, i) => `${k}-${i}`);
    const at = (i: number) => ids[i % ids.length];
    const t: TinyGraph = {
      nodes: Object.fromEntries(ids.map((id, i) => [id, { criticality: (i % 5) + 1 }])),
      steps: r.steps.map(([a, b, v]) => [at(a), at(b), v]),
      controls: r.controls.map((c, i) => ({
        id: `c-${i}`,
        protects: [...new Set(c.protects.map(at))],
        effectiveness: c.effectiveness,
        status: c.status,
        vectors: c.vectors,
        dependsOn: [...new Set(c.dependsOn.map(at))],
        domains: [c.domain],
      })),
      threats: [{ id: 'thr', startsAt: [...new Set(r.entries.map(at))] }],
    };
    return { t, target: at(r.target) };
  });

/**
 * Many paths to one target, every control in force: failing one often lets a path other than the
 * best overtake it, which is what the bound in weakestLinks must not miss.
 */
const denseGraphs = fc
  .record({
    steps: fc.array(fc.tuple(fc.nat(6), fc.nat(6)), { minLength: 10, maxLength: 24 }),
    controls: fc.array(
      fc.record({
        protects: fc.array(fc.nat(6), { minLength: 1, maxLength: 3 }),
        effectiveness: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      }),
      { minLength: 2, maxLength: 8 },
    ),
  })
  .map((r) => {
    const ids = ['sys-0', 'sys-1', 'sys-2', 'sys-3', 'sys-4', 'sys-5', 'sys-6'];
    const t: TinyGraph = {
      nodes: Object.fromEntries(ids.map((id) => [id, { criticality: 5 }])),
      steps: r.steps.filter(([a, b]) => a !== b).map(([a, b]) => [ids[a], ids[b], 'network']),
      controls: r.controls.map((c, i) => ({
        id: `c-${i}`,
        protects: [...new Set(c.protects.map((n) => ids[n]))],
        effectiveness: c.effectiveness,
        status: 'implemented',
        domains: ['cyber'],
      })),
      threats: [{ id: 'thr', startsAt: ['sys-0'] }],
    };
    return { t, target: 'sys-6' };
  });

/** Every simple path of at most maxHops, by brute force, with P and distinct barrier count. */
function bruteForce(g: AttackGraph, target: string, maxHops = 8) {
  const th = g.threats.get('thr') as never;
  const out: { p: number; depth: number }[] = [];
  const walk = (node: string, seen: string[], barriers: Map<string, number>, hops: number) => {
    if (node === target) {
      out.push({ p: [...barriers.values()].reduce((a, e) => a * (1 - e), 1), depth: barriers.size });
      return;
    }
    if (hops === maxHops) return;
    for (const s of g.stepsFrom(node)) {
      if (seen.includes(s.to)) continue;
      const next = new Map(barriers);
      for (const b of g.barriers(s.to, s.vector)) next.set(b.id, b.effectiveness);
      walk(s.to, [...seen, s.to], next, hops + 1);
    }
  };
  for (const e of g.entriesOf(th)) {
    const b = new Map(g.barriers(e.id, entryVector(e)).map((x) => [x.id, x.effectiveness]));
    walk(e.id, [e.id], b, 0);
  }
  return out;
}

describe('analytics invariants (property-based)', () => {
  it('finds the most likely path and the depth that brute force finds', () => {
    fc.assert(
      fc.property(graphs, ({ t, target }) => {
        const g = tiny(t);
        const th = g.threats.get('thr') as never;
        const all = bruteForce(g, target);
        const best = mostLikelyPaths(g, th, target, 1).paths[0];
        const depth = securityDepth(g, th, target).depth;
        if (!all.length) return best === undefined && depth === null;
        expect(best.probability).toBeCloseTo(Math.max(...all.map((x) => x.p)), 12);
        expect(depth).toBe(Math.min(...all.map((x) => x.depth)));
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('never raises a path probability nor lowers depth when an implemented control is added', () => {
    fc.assert(
      fc.property(graphs, fc.nat(7), fc.double({ min: 0.01, max: 1, noNaN: true }), ({ t, target }, n, e) => {
        const before = tiny(t);
        const ids = Object.keys(t.nodes);
        const after = tiny({
          ...t,
          controls: [
            ...(t.controls ?? []),
            { id: 'c-new', protects: [ids[n % ids.length]], effectiveness: e },
          ],
        });
        const th = (g: AttackGraph) => g.threats.get('thr') as never;
        const p = (g: AttackGraph) => mostLikelyPaths(g, th(g), target, 1).paths[0]?.probability ?? 0;
        const d = (g: AttackGraph) => securityDepth(g, th(g), target).depth ?? Infinity;
        expect(p(after)).toBeLessThanOrEqual(p(before) + 1e-12);
        expect(d(after)).toBeGreaterThanOrEqual(d(before));
      }),
      { numRuns: 300 },
    );
  });

  it('reports only minimal cut sets that really open a path', () => {
    fc.assert(
      fc.property(graphs, ({ t, target }) => {
        const g = tiny(t);
        const th = g.threats.get('thr') as never;
        const region = regionOf(g, th, target, 8);
        const takenOut = (units: string[]) =>
          new Set(
            [...g.controls.values()]
              .filter((c) => units.includes(c.id) || units.some((u) => g.dependencyChain(c.id).has(u)))
              .map((c) => c.id),
          );
        for (const cut of minimalCutSets(g, th, target).cutSets) {
          const units = cut.units.map((u) => u.id);
          expect(opensPath(g, region, takenOut(units))).toBe(true);
          for (const u of units)
            expect(opensPath(g, region, takenOut(units.filter((x) => x !== u)))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reaches in probable mode only what structural mode reaches', () => {
    fc.assert(
      fc.property(graphs, fc.nat(7), ({ t }, s) => {
        const g = tiny(t);
        const start = Object.keys(t.nodes)[s % Object.keys(t.nodes).length];
        const structural = new Set(reach(g, [start], 'forward', { mode: 'STRUCTURAL' }).map((n) => n.id));
        for (const n of reach(g, [start], 'forward', { mode: 'PROBABLE', threshold: 0 })) {
          expect(structural.has(n.id)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sweeps give the depth class and the order-1 cut sets of the per-asset searches', () => {
    fc.assert(
      fc.property(graphs, ({ t }) => {
        const g = tiny(t);
        const th = g.threats.get('thr') as never;
        const sweep = sweepThreat(g, th);
        for (const target of Object.keys(t.nodes)) {
          const depth = securityDepth(g, th, target).depth;
          expect(depthClass(sweep, target)).toBe(depth === null ? null : Math.min(depth, 2));
          const cuts = minimalCutSets(g, th, target, { maxOrder: 1 });
          expect(singlePointsOf(sweep, target)).toEqual(cuts.cutSets.map((c) => c.units[0].id).sort());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('weakest links skip a search only where failing the control leaves the best path as it is', () => {
    let skipped = 0;
    fc.assert(
      fc.property(denseGraphs, fc.constantFrom(1, 2, 3, 8), ({ t, target }, k) => {
        const g = tiny(t);
        const th = g.threats.get('thr') as never;
        const top = mostLikelyPaths(g, th, target, k);
        const base = top.paths[0]?.probability ?? 0;
        const barriers = new Map(
          [...g.nodes.keys()].flatMap((n) => VECTORS.flatMap((v) => g.barriers(n, v))).map((b) => [b.id, b]),
        );
        for (const b of barriers.values()) {
          if (!failingCannotRaise(top, k, b, base)) continue;
          skipped++;
          expect(
            mostLikelyPaths(g, th, target, 1, { failed: new Set([b.id]) }).paths[0]?.probability ?? 0,
          ).toBe(base);
        }
      }),
      { numRuns: 500 },
    );
    expect(skipped).toBeGreaterThan(100);
  });

  it('weakest links: each rise equals recomputing the risk with that control failed; single points are the order-1 cut sets', () => {
    fc.assert(
      // topPaths 1 to 3: the bound from the last path found is used, not only the path through it.
      fc.property(graphs, fc.constantFrom(undefined, 1, 2, 3), ({ t }, topPaths) => {
        const g = tiny(t);
        const th = g.threats.get('thr') as never;
        const critical = (id: string) => (g.nodes.get(id)?.criticality ?? 1) >= 3;
        const inherent = inherentLikelihoodOf(th);
        const best = (target: string, failed?: Set<string>) =>
          mostLikelyPaths(g, th, target, 1, { failed }).paths[0]?.probability ?? 0;
        const ranked = weakestLinks(g, critical, undefined, { topPaths });
        const links = new Map(ranked.map((l) => [l.controlId, l]));
        const reached = Object.keys(t.nodes).filter(
          (id) => critical(id) && securityDepth(g, th, id).depth !== null,
        );
        for (const c of g.controls.keys()) {
          // No bound, no pruning: the rise of every pair, searched with the control failed.
          const rise = reached.reduce((sum, a) => {
            const score = (p: number) => residualLikelihood(inherent, p) * (g.nodes.get(a)?.criticality ?? 1);
            return sum + score(best(a, new Set([c]))) - score(best(a));
          }, 0);
          expect(links.get(c)?.riskIncrease ?? 0).toBe(rise);
          const spof = reached.filter((a) =>
            minimalCutSets(g, th, a, { maxOrder: 1 }).cutSets.some((x) => x.units[0].id === c),
          );
          expect(links.get(c)?.singlePointOfFailureFor ?? []).toEqual(spof.sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});
