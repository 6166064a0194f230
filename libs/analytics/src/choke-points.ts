import { ThreatData } from '@rampart/domain';
import { AttackGraph } from './attack-graph';
import { DEFAULT_MAX_HOPS } from './path-search';
import { regionOf } from './region';

const INF = Number.MAX_SAFE_INTEGER;

/**
 * Choke points (docs/spec/analytics.md §3): a minimum vertex cut between the threat's entry points and the
 * target in the attack graph with controls ignored (max-flow, unit node capacities, Menger). The
 * graph is the region of paths of at most maxHops, so the cut meets every such path. The target
 * is never a choke point; an entry point can be. Empty when the target is itself an entry point.
 */
export function chokePoints(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  maxHops = DEFAULT_MAX_HOPS,
): string[] {
  const region = regionOf(g, threat, target, maxHops);
  if (!region.nodes.has(target) || region.entries.includes(target)) return [];
  const ids = [...region.nodes].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  // Node v splits into in = 2i and out = 2i + 1; the source is 2n.
  const n = ids.length;
  const source = 2 * n;
  const sink = 2 * (index.get(target) as number);
  const adj: number[][] = Array.from({ length: 2 * n + 1 }, () => []);
  const to: number[] = [];
  const cap: number[] = [];
  const edge = (a: number, b: number, c: number) => {
    adj[a].push(to.length);
    to.push(b);
    cap.push(c);
    adj[b].push(to.length);
    to.push(a);
    cap.push(0);
  };
  ids.forEach((id, i) => id !== target && edge(2 * i, 2 * i + 1, 1));
  for (const e of region.entries) edge(source, 2 * (index.get(e) as number), INF);
  for (const u of ids) {
    for (const s of g.stepsFrom(u)) {
      const v = index.get(s.to);
      if (v !== undefined && u !== target) edge(2 * (index.get(u) as number) + 1, 2 * v, INF);
    }
  }
  // Edmonds-Karp; the flow is at most the number of nodes, each augmentation one BFS.
  for (;;) {
    const via = new Array<number>(2 * n + 1).fill(-1);
    const queue = [source];
    via[source] = -2;
    for (let h = 0; h < queue.length && via[sink] === -1; h++) {
      for (const e of adj[queue[h]]) {
        if (cap[e] > 0 && via[to[e]] === -1) {
          via[to[e]] = e;
          queue.push(to[e]);
        }
      }
    }
    if (via[sink] === -1) break;
    for (let v = sink; v !== source; v = to[via[v] ^ 1]) {
      cap[via[v]] -= 1;
      cap[via[v] ^ 1] += 1;
    }
  }
  // The cut: nodes whose in-half the source still reaches and whose out-half it does not.
  const reach = new Set([source]);
  const queue = [source];
  for (let h = 0; h < queue.length; h++) {
    for (const e of adj[queue[h]]) {
      if (cap[e] > 0 && !reach.has(to[e])) {
        reach.add(to[e]);
        queue.push(to[e]);
      }
    }
  }
  return ids.filter((id, i) => reach.has(2 * i) && !reach.has(2 * i + 1));
}
