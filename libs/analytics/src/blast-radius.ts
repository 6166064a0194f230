import { AttackGraph, likelihoodWeightOf } from './attack-graph';
import { MinHeap } from './min-heap';

export type ReachMode = 'STRUCTURAL' | 'PROBABLE';

export interface ReachOptions {
  mode?: ReachMode;
  /** Default 6 (docs/spec/analytics.md §4). */
  maxHops?: number;
  /** Probable mode drops nodes below this probability (default 0.05). */
  threshold?: number;
}

export interface ReachedNode {
  id: string;
  hops: number;
  /** Structural: 1. Probable: success probability of the most likely path found. */
  probability: number;
  /** From the start (or, for exposure, the node itself) to the target: node ids. */
  path: string[];
  /** Domains of the controls crossed on that path. */
  domains: string[];
}

interface Label {
  node: string;
  hops: number;
  cost: number;
  passed: ReadonlySet<string>;
  parent?: Label;
  seq: number;
}

/**
 * Everything reachable from `starts` along attack steps (forward: blast radius) or everything that
 * reaches them (reverse: exposure), within maxHops. A start is already compromised (forward) or
 * the asset under attack (reverse); entering a node passes its barriers for the step's vector.
 * Probable mode keeps, per node and hop count, the most likely path found (a barrier met twice
 * on one path counts once); this is exact unless a less likely prefix would have shared more
 * barriers with its continuation, and it never reports more than structural mode.
 */
export function reach(
  g: AttackGraph,
  starts: string[],
  direction: 'forward' | 'reverse',
  opts: ReachOptions = {},
): ReachedNode[] {
  const mode = opts.mode ?? 'STRUCTURAL';
  const maxHops = opts.maxHops ?? 6;
  const threshold = mode === 'PROBABLE' ? (opts.threshold ?? 0.05) : 0;
  const maxCost = threshold > 0 ? -Math.log(threshold) : Infinity;
  const startSet = new Set(starts.filter((s) => g.nodes.has(s)));
  if (mode === 'STRUCTURAL') return structuralReach(g, [...startSet].sort(), direction, maxHops);
  let seq = 0;
  const heap = new MinHeap<Label>((a, b) =>
    a.cost !== b.cost ? a.cost < b.cost : a.hops !== b.hops ? a.hops < b.hops : a.seq < b.seq,
  );
  for (const s of [...startSet].sort())
    heap.push({ node: s, hops: 0, cost: 0, passed: new Set(), seq: seq++ });
  // Labels pop cheapest first, so a label is worth expanding only with fewer hops than every
  // label of its node already expanded (structural mode: each node once, at its fewest hops).
  const fewestHops = new Map<string, number>();
  const best = new Map<string, Label>();
  while (heap.size) {
    const l = heap.pop() as Label;
    if ((fewestHops.get(l.node) ?? Infinity) <= l.hops) continue;
    fewestHops.set(l.node, l.hops);
    if (!startSet.has(l.node) && !best.has(l.node)) best.set(l.node, l);
    if (l.hops === maxHops) continue;
    const steps = direction === 'forward' ? g.stepsFrom(l.node) : g.stepsInto(l.node);
    for (const s of steps) {
      const next = direction === 'forward' ? s.to : s.from;
      if (startSet.has(next) || onPath(l, next)) continue;
      // Either way the step enters s.to (reverse: the node we came from, nearer the asset).
      const barriers = g.barriers(s.to, s.vector).filter((b) => !l.passed.has(b.id));
      const cost = l.cost + barriers.reduce((c, b) => c + likelihoodWeightOf(b.effectiveness), 0);
      if (cost > maxCost + 1e-12) continue;
      const passed = barriers.length ? new Set([...l.passed, ...barriers.map((b) => b.id)]) : l.passed;
      heap.push({ node: next, hops: l.hops + 1, cost, passed, parent: l, seq: seq++ });
    }
  }
  return [...best.values()]
    .map((l) => {
      const chain: string[] = [];
      for (let q: Label | undefined = l; q; q = q.parent) chain.push(q.node);
      const path = direction === 'forward' ? chain.reverse() : chain;
      const domains = new Set([...l.passed].flatMap((id) => g.controls.get(id)?.domains ?? []));
      return {
        id: l.node,
        hops: l.hops,
        probability: Math.exp(-l.cost),
        path,
        domains: [...domains].sort(),
      };
    })
    .sort((a, b) => a.hops - b.hops || b.probability - a.probability || a.id.localeCompare(b.id));
}

/**
 * Structural mode: every node within maxHops once, at its fewest hops, by the first path a
 * breadth-first search finds (starts sorted, steps in their sorted order), with the domains of the
 * controls entered on that path.
 */
function structuralReach(
  g: AttackGraph,
  starts: string[],
  direction: 'forward' | 'reverse',
  maxHops: number,
): ReachedNode[] {
  const tree = g.tree(starts, direction, maxHops);
  const domains: string[][] = [];
  const out: ReachedNode[] = [];
  tree.forEach((n, k) => {
    if (!n.step) {
      domains.push([]);
      return;
    }
    // Either way the step enters s.to (reverse: the node we came from, nearer the asset).
    const entered = g.barriers(n.step.to, n.step.vector).flatMap((b) => g.controls.get(b.id)?.domains ?? []);
    const inherited = domains[n.parent];
    domains.push(entered.length ? [...new Set([...inherited, ...entered])].sort() : inherited);
    const chain: string[] = [];
    for (let q = k; q >= 0; q = tree[q].parent) chain.push(tree[q].id);
    out.push({
      id: n.id,
      hops: n.hops,
      probability: 1,
      path: direction === 'forward' ? chain.reverse() : chain,
      domains: domains[k],
    });
  });
  return out.sort((a, b) => a.hops - b.hops || a.id.localeCompare(b.id));
}

function onPath(l: Label, node: string): boolean {
  for (let q: Label | undefined = l; q; q = q.parent) if (q.node === node) return true;
  return false;
}
