import { ThreatData } from '@rampart/domain';
import { AttackGraph, Barrier, entryVector, likelihoodWeightOf } from './attack-graph';
import { MinHeap } from './min-heap';
import { HopCounts } from './step-index';

/** One step of a path: `from` null is the threat entering its entry point. */
export interface PathStep {
  from: string | null;
  to: string;
  vector: string;
  /** Barriers counted at this step: those not already passed earlier on the path. */
  controls: Barrier[];
}

export interface AttackPath {
  /** Entry point first, target last. */
  nodes: string[];
  steps: PathStep[];
  /** Product of (1 - e) over the distinct barriers of the path (docs/spec/analytics.md §3). */
  probability: number;
  controls: string[];
}

export interface PathSearchOptions {
  /** Steps after the entry point (default 8). */
  maxHops?: number;
  /** Units (controls) taken as failed: they do not count. */
  failed?: ReadonlySet<string>;
  /** Bound on partial paths expanded; the result says when it was reached. */
  maxExpansions?: number;
  /** hopsToTarget(g, target, maxHops[, counts from this threat]), when the caller has it. */
  toTarget?: HopCounts;
}

export interface PathSearchResult {
  paths: AttackPath[];
  /** True when the expansion bound stopped the search: later paths may be missing. */
  truncated: boolean;
}

export const DEFAULT_MAX_HOPS = 8;
const DEFAULT_MAX_EXPANSIONS = 500_000;

interface Partial {
  node: string;
  parent?: Partial;
  step: PathStep;
  cost: number;
  hops: number;
  passed: ReadonlySet<string>;
  seq: number;
}

/**
 * Fewest steps from each node to the target (controls ignored), up to maxHops; with `fromEntries`
 * (a threat's g.hopsFromEntries) only for the nodes some path of at most maxHops from the threat
 * can use, which is all a search for that threat reads (and a small part of the target's reach).
 */
export const hopsToTarget = (
  g: AttackGraph,
  target: string,
  maxHops: number,
  fromEntries?: HopCounts,
): HopCounts => g.hops([target], 'reverse', maxHops, fromEntries);

/** Breadth-first hop counts from `starts` along `next`, up to maxHops. */
export function hopsFrom(
  starts: string[],
  next: (id: string) => string[],
  maxHops: number,
): Map<string, number> {
  const dist = new Map(starts.map((s) => [s, 0]));
  let frontier = starts;
  for (let d = 1; d <= maxHops && frontier.length; d++) {
    const layer: string[] = [];
    for (const v of frontier) {
      for (const w of next(v)) {
        if (dist.has(w)) continue;
        dist.set(w, d);
        layer.push(w);
      }
    }
    frontier = layer;
  }
  return dist;
}

const onPath = (p: Partial | undefined, node: string): boolean => {
  for (let q = p; q; q = q.parent) if (q.node === node) return true;
  return false;
};

function toPath(p: Partial): AttackPath {
  const steps: PathStep[] = [];
  for (let q: Partial | undefined = p; q; q = q.parent) steps.unshift(q.step);
  const barriers = steps.flatMap((s) => s.controls);
  return {
    nodes: steps.map((s) => s.to),
    steps,
    probability: barriers.reduce((pr, b) => pr * (1 - b.effectiveness), 1),
    controls: barriers.map((b) => b.id),
  };
}

/**
 * Best-first search over simple paths from the threat's entry points to the target, cheapest
 * first by `weight` summed over the distinct barriers of a path. Adding a step never lowers the
 * cost (a barrier already passed adds nothing), so complete paths come out in exact order.
 */
export function searchPaths(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  limit: number,
  weight: (b: Barrier) => number,
  opts: PathSearchOptions = {},
): PathSearchResult {
  const maxHops = opts.maxHops ?? DEFAULT_MAX_HOPS;
  const maxExpansions = opts.maxExpansions ?? DEFAULT_MAX_EXPANSIONS;
  const dist = opts.toTarget ?? hopsToTarget(g, target, maxHops, g.hopsFromEntries(threat, maxHops));
  let seq = 0;
  const heap = new MinHeap<Partial>((a, b) =>
    a.cost !== b.cost ? a.cost < b.cost : a.hops !== b.hops ? a.hops < b.hops : a.seq < b.seq,
  );
  for (const entry of g.entriesOf(threat)) {
    if (!dist.has(entry.id)) continue;
    const vector = entryVector(entry);
    const controls = g.barriers(entry.id, vector, opts.failed);
    heap.push({
      node: entry.id,
      step: { from: null, to: entry.id, vector, controls },
      cost: controls.reduce((c, b) => c + weight(b), 0),
      hops: 0,
      passed: new Set(controls.map((b) => b.id)),
      seq: seq++,
    });
  }
  const paths: AttackPath[] = [];
  let expansions = 0;
  while (heap.size && paths.length < limit) {
    const p = heap.pop() as Partial;
    if (p.node === target) {
      paths.push(toPath(p));
      continue;
    }
    if (++expansions > maxExpansions) return { paths, truncated: true };
    for (const s of g.stepsFrom(p.node)) {
      const left = dist.get(s.to);
      if (left === undefined || p.hops + 1 + left > maxHops || onPath(p, s.to)) continue;
      const fresh = g.barriers(s.to, s.vector, opts.failed).filter((b) => !p.passed.has(b.id));
      const passed = fresh.length ? new Set([...p.passed, ...fresh.map((b) => b.id)]) : p.passed;
      heap.push({
        node: s.to,
        parent: p,
        step: { from: p.node, to: s.to, vector: s.vector, controls: fresh },
        cost: p.cost + fresh.reduce((c, b) => c + weight(b), 0),
        hops: p.hops + 1,
        passed,
        seq: seq++,
      });
    }
  }
  return { paths, truncated: false };
}

/** Weight of a barrier for "most likely": -ln(1 - e), so the cheapest path is the most likely. */
export const likelihoodWeight = (b: Barrier) => likelihoodWeightOf(b.effectiveness);

/** The top k most likely attack paths (docs/spec/analytics.md §3). */
export function mostLikelyPaths(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  k = 5,
  opts: PathSearchOptions = {},
): PathSearchResult {
  return searchPaths(g, threat, target, k, likelihoodWeight, opts);
}

/**
 * Security depth: the fewest distinct barriers on any path (docs/spec/analytics.md §3); null when the
 * threat cannot reach the target within maxHops.
 */
export function securityDepth(
  g: AttackGraph,
  threat: ThreatData,
  target: string,
  opts: PathSearchOptions = {},
): { depth: number | null; path?: AttackPath; truncated: boolean } {
  const { paths, truncated } = searchPaths(g, threat, target, 1, () => 1, opts);
  return paths.length
    ? { depth: paths[0].controls.length, path: paths[0], truncated }
    : { depth: null, truncated };
}
